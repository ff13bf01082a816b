import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as applyPage from "../../app/routes/creator.apply";
import { categories, creatorApplications } from "../../db/schema";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { asRoute, routeCaller } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createNote } from "./feeds-fixtures";

type Page = { sampleOptions: { id: string; title: string; coverUrl: string | null }[]; sampleMax: number };
type Failure = { failure: { fields: Record<string, string[]> }; values: Record<string, string | string[]> };

/** /creator/apply: sample notes picked from the applicant's own published notes, checked by the server. */
describe("creator application: the sample note picker", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  const slug = `samples-${Date.now().toString(36)}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    await ctx.db.insert(categories).values({ slug, nameZh: "彩妆", nameEn: "Makeup", createdAt: ctx.clock.now() });
  });
  afterAll(async () => {
    await db?.close();
  });

  async function account() {
    const { user } = await createTestUser(ctx.db, { now: ctx.clock.now() });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return { user, cookie: sessionCookie(ctx, session).split(";")[0]! };
  }
  /** The form as a browser posts it: one `samplePostIds` entry per ticked box. */
  const apply = (cookie: string, samplePostIds: string[]) => {
    const body = new URLSearchParams({ realName: "李三", contact: "13900139000", region: "杭州", categories: slug, sampleNotes: "主要写底妆测评" });
    for (const id of samplePostIds) body.append("samplePostIds", id);
    return applyPage.action({ request: new Request("http://localhost/creator/apply", { method: "POST", headers: { cookie }, body }), context, params: {} }) as Promise<Response>;
  };
  const applicationsOf = async (userId: string) => ctx.db.select().from(creatorApplications).where(eq(creatorApplications.applicantId, userId));

  it("lists only the applicant's own published notes, newest first, with the server's maximum", async () => {
    const member = await account();
    const other = await account();
    const older = await createNote(ctx.db, member.user.id, { title: "秋冬底妆", publishedAt: new Date("2026-11-01T00:00:00Z") });
    const newer = await createNote(ctx.db, member.user.id, { title: "平价粉底液", publishedAt: new Date("2026-11-10T00:00:00Z") });
    await createNote(ctx.db, member.user.id, { title: "草稿", status: "draft" });
    await createNote(ctx.db, member.user.id, { title: "被隐藏", status: "hidden" });
    await createNote(ctx.db, other.user.id, { title: "别人的笔记" });

    const page = (await (await routeCaller(context).get(asRoute(applyPage), "/creator/apply", member.cookie)).json()) as Page;
    expect(page.sampleOptions.map((o) => o.id)).toEqual([newer.id, older.id]);
    expect(page.sampleOptions.map((o) => o.title)).toEqual(["平价粉底液", "秋冬底妆"]);
    expect(page.sampleMax).toBe(9);
  });

  it("saves the ticked notes with the application", async () => {
    const member = await account();
    const a = await createNote(ctx.db, member.user.id, { publishedAt: ctx.clock.now() });
    const b = await createNote(ctx.db, member.user.id, { publishedAt: ctx.clock.now() });
    const res = await apply(member.cookie, [a.id, b.id]);
    expect(res.status).toBe(302);
    const [saved] = await applicationsOf(member.user.id);
    expect([...saved!.samplePostIds].sort()).toEqual([a.id, b.id].sort());
  });

  it("refuses someone else's note, a draft, a made-up id or more than nine, next to the picker, saving nothing and keeping the ticks", async () => {
    const member = await account();
    const other = await account();
    const own = await createNote(ctx.db, member.user.id, { publishedAt: ctx.clock.now() });
    const theirs = await createNote(ctx.db, other.user.id, { publishedAt: ctx.clock.now() });
    const draft = await createNote(ctx.db, member.user.id, { status: "draft" });
    const many = await Promise.all(Array.from({ length: 10 }, () => createNote(ctx.db, member.user.id, { publishedAt: ctx.clock.now() })));

    for (const ids of [[own.id, theirs.id], [draft.id], ["not-an-id"], many.map((n) => n.id)]) {
      const res = await apply(member.cookie, ids);
      expect(res.status).toBe(422);
      const body = (await res.json()) as Failure;
      const messages = Object.entries(body.failure.fields).filter(([k]) => k === "samplePostIds" || k.startsWith("samplePostIds."));
      expect(messages.length, ids.join(",")).toBeGreaterThan(0);
      expect(body.values.samplePostIds).toEqual(ids);
    }
    expect(await applicationsOf(member.user.id)).toHaveLength(0);
  });
});
