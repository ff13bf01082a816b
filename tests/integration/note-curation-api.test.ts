import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { createNote } from "./feeds-fixtures";

type Member = { user: CurrentUser; token: string };
type State = { postId: string; featuredAt: string | null; curation: { action: string; reason: string; currentWeightBp: number } | null };

/** GET /api/v1/posts/{postId}/curation: what the note page's 运营 panel shows, for API clients. */
describe("/api/v1 a note's curation state", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function member(roles: Role[] = []): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("cu") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }
  const api = (path: string, init: { method?: string; json?: unknown; as?: Member | null } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });

  it("shows staff the 精选 pick and the live curation with its factor now; members 403, visitors 401, unknown notes 404", async () => {
    const staff = await member(["staff"]);
    const note = await createNote(db.handle.db, (await member()).user.id, { publishedAt: clock.now() });
    const before = (await (await api(`/posts/${note.id}/curation`, { as: staff })).json()) as State;
    expect(before).toEqual({ postId: note.id, featuredAt: null, curation: null });

    expect((await api(`/posts/${note.id}/feature`, { as: staff, json: {} })).status).toBe(200);
    expect((await api(`/posts/${note.id}/curation`, { as: staff, json: { action: "boost", reason: "新人好文" } })).status).toBe(201);
    const after = (await (await api(`/posts/${note.id}/curation`, { as: staff })).json()) as State;
    expect(after.featuredAt).toBe(clock.now().toISOString());
    expect(after.curation).toMatchObject({ action: "boost", reason: "新人好文", currentWeightBp: 30_000 });

    expect((await api(`/posts/${note.id}/curation`, { as: await member() })).status).toBe(403);
    expect((await api(`/posts/${note.id}/curation`, { as: await member(["creator"]) })).status).toBe(403);
    expect((await api(`/posts/${note.id}/curation`)).status).toBe(401);
    expect((await api(`/posts/00000000-0000-4000-8000-000000000000/curation`, { as: staff })).status).toBe(404);
  });
});
