import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as notePage from "../../app/routes/n.$id";
import { postCurations, posts, type Role } from "../../db/schema";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import type { FixedClock } from "../../server/shared/clock";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createNote } from "./feeds-fixtures";

type Curation = { action: string; weightBp: number; currentWeightBp: number; decayDays: number; reason: string } | null;
type NoteData = { curation: { featuredAt: string | null; curation: Curation } | null };
type Reply = { curationResult: { done: string | null; failure: { message: string; fields: Record<string, string[]> } | null } };

/** The 运营 panel on the note page, as a browser without JavaScript reaches it: a GET and plain form posts. */
describe("note page: the 运营 panel (feature, pin, boost, bury, lift)", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
  });
  afterAll(async () => {
    await db?.close();
  });

  async function account(roles: Role[] = []) {
    const { user } = await createTestUser(ctx.db, { roles, now: ctx.clock.now() });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return { user, cookie: sessionCookie(ctx, session).split(";")[0]! };
  }
  const view = async (cookie: string | undefined, id: string) =>
    (await (await routeCaller(context).get(asRoute(notePage), `/n/${id}`, cookie, { id })).json()) as NoteData;
  const send = (cookie: string, id: string, form: Record<string, string>) => routeCaller(context).post(asRoute(notePage), `/n/${id}`, cookie, form, { id });
  const liveCurations = async (postId: string) => (await ctx.db.select().from(postCurations).where(eq(postCurations.postId, postId))).filter((c) => c.endedAt === null);

  it("shows staff and admins the panel with the note's state; members, creators and visitors never get it", async () => {
    const author = await account(["creator"]);
    const note = await createNote(ctx.db, author.user.id, { publishedAt: ctx.clock.now() });
    for (const roles of [["staff"], ["admin"]] as Role[][]) {
      const data = await view((await account(roles)).cookie, note.id);
      expect(data.curation).toEqual({ featuredAt: null, curation: null });
    }
    expect((await view((await account()).cookie, note.id)).curation).toBeNull();
    expect((await view(author.cookie, note.id)).curation).toBeNull();
    expect((await view(undefined, note.id)).curation).toBeNull();
  });

  it("features and unfeatures a note, and pins, boosts or buries it with a reason, the factor fading over the decay days", async () => {
    const staff = await account(["staff"]);
    const note = await createNote(ctx.db, (await account()).user.id, { publishedAt: ctx.clock.now() });

    const featured = await send(staff.cookie, note.id, { intent: "feature" });
    expect(featured.status).toBe(200);
    expect(((await featured.json()) as Reply).curationResult.done).toBe("featured");
    expect((await view(staff.cookie, note.id)).curation!.featuredAt).not.toBeNull();
    expect((await send(staff.cookie, note.id, { intent: "unfeature" })).status).toBe(200);
    expect((await view(staff.cookie, note.id)).curation!.featuredAt).toBeNull();

    const pinned = await send(staff.cookie, note.id, { intent: "curate", action: "pin", weightBp: "", decayDays: "", reason: "首页活动主推" });
    expect(pinned.status).toBe(200);
    expect((await view(staff.cookie, note.id)).curation!.curation).toMatchObject({ action: "pin", weightBp: 1_000_000, decayDays: 3, reason: "首页活动主推" });

    // A bury replaces the pin (one live curation per note) and fades back to ×1 over its days.
    expect((await send(staff.cookie, note.id, { intent: "curate", action: "bury", weightBp: "1000", decayDays: "10", reason: "标题党" })).status).toBe(200);
    expect(await liveCurations(note.id)).toHaveLength(1);
    expect((await view(staff.cookie, note.id)).curation!.curation).toMatchObject({ action: "bury", weightBp: 1000, currentWeightBp: 1000, decayDays: 10, reason: "标题党" });
    (ctx.clock as FixedClock).advance(5 * 86_400_000);
    expect((await view(staff.cookie, note.id)).curation!.curation!.currentWeightBp).toBe(5500);

    const lifted = await send(staff.cookie, note.id, { intent: "lift" });
    expect(((await lifted.json()) as Reply).curationResult.done).toBe("lifted");
    expect((await view(staff.cookie, note.id)).curation!.curation).toBeNull();
    expect(await liveCurations(note.id)).toHaveLength(0);

    expect((await send(staff.cookie, note.id, { intent: "curate", action: "boost" })).status).toBe(200);
    expect((await view(staff.cookie, note.id)).curation!.curation).toMatchObject({ action: "boost", weightBp: 30_000, decayDays: 7 });
  });

  it("answers a bad weight or decay with the field's message and changes nothing", async () => {
    const staff = await account(["staff"]);
    const note = await createNote(ctx.db, (await account()).user.id, { publishedAt: ctx.clock.now() });
    // A boost below ×1, and decay days that aren't a number: each answered next to its field.
    for (const [form, field] of [
      [{ weightBp: "5000", decayDays: "" }, "weightBp"],
      [{ weightBp: "", decayDays: "abc" }, "decayDays"],
      [{ weightBp: "", decayDays: "365" }, "decayDays"],
    ] as const) {
      const bad = await send(staff.cookie, note.id, { intent: "curate", action: "boost", reason: "", ...form });
      expect(bad.status).toBe(422);
      const { failure, done } = ((await bad.json()) as Reply).curationResult;
      expect(done).toBeNull();
      expect(Object.keys(failure!.fields)).toEqual([field]);
      expect(failure!.fields[field]![0]).toMatch(/\S/);
    }
    expect(await liveCurations(note.id)).toHaveLength(0);
  });

  it("refuses members and creators with 403, changing nothing, and sends visitors to log in", async () => {
    const author = await account(["creator"]);
    const note = await createNote(ctx.db, author.user.id, { publishedAt: ctx.clock.now() });
    for (const who of [await account(), author, await account(["creator"])]) {
      const forms: Record<string, string>[] = [{ intent: "feature" }, { intent: "curate", action: "pin", reason: "x" }, { intent: "lift" }, { intent: "unfeature" }];
      for (const form of forms) {
        expect((await thrown(send(who.cookie, note.id, form))).status).toBe(403);
      }
    }
    const [row] = await ctx.db.select({ featuredAt: posts.featuredAt }).from(posts).where(eq(posts.id, note.id));
    expect(row!.featuredAt).toBeNull();
    expect(await ctx.db.select().from(postCurations).where(eq(postCurations.postId, note.id))).toHaveLength(0);
    const visitor = await thrown(
      notePage.action({
        request: new Request(`http://localhost/n/${note.id}`, { method: "POST", body: new URLSearchParams({ intent: "feature" }) }),
        context,
        params: { id: note.id },
      }),
    );
    expect(visitor.status).toBe(302);
  });
});
