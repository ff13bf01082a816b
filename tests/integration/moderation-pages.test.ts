import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appeals, categories, moderationActions, moderationKeywords, posts, reports, type Role } from "../../db/schema";
import * as appealsPage from "../../app/routes/ops.moderation.appeals";
import * as newAppealPage from "../../app/routes/appeals.new";
import * as categoriesPage from "../../app/routes/ops.categories";
import * as keywordsPage from "../../app/routes/ops.moderation.keywords";
import * as homePage from "../../app/routes/_index";
import * as queuePage from "../../app/routes/ops.moderation._index";
import * as layout from "../../app/routes/ops.moderation";
import { ensureDefaultCategories } from "../../server/content";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";


/** The staff moderation pages' loaders and actions, called as Remix calls them for plain form posts. */
describe("staff moderation pages", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  let staff: string;
  let member: string;
  let authorId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    await ensureDefaultCategories(ctx.db, ctx.clock.now());
    staff = await cookieFor(["staff"]);
    member = await cookieFor([]);
    authorId = (await createTestUser(ctx.db, { now: ctx.clock.now() })).user.id;
  });
  afterAll(async () => {
    await db?.close();
  });

  async function cookieFor(roles: Role[]) {
    const { user } = await createTestUser(ctx.db, { roles, now: ctx.clock.now() });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return sessionCookie(ctx, session).split(";")[0]!;
  }


  async function reportedPost(title: string) {
    const now = ctx.clock.now();
    const [post] = await ctx.db
      .insert(posts)
      .values({ authorId, status: "published", title, body: "正文", publishedAt: now, createdAt: now, updatedAt: now })
      .returning();
    const reporter = (await createTestUser(ctx.db, { now })).user.id;
    await ctx.db.insert(reports).values({ targetType: "post", targetId: post!.id, reporterId: reporter, reason: "spam", createdAt: now });
    return post!.id;
  }

  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);
  const post: ReturnType<typeof routeCaller>["post"] = (...args) => routeCaller(context).post(...args);

  it("sends visitors to log in and shows members the 403 page", async () => {
    const visitor = await thrown(get(asRoute(layout), "/ops/moderation"));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toBe("/login?redirectTo=%2Fops%2Fmoderation");
    for (const [route, path] of [
      [layout, "/ops/moderation"],
      [queuePage, "/ops/moderation"],
      [appealsPage, "/ops/moderation/appeals"],
      [keywordsPage, "/ops/moderation/keywords"],
      [categoriesPage, "/ops/categories"],
    ] as const) {
      expect((await thrown(get(asRoute(route), path, member))).status).toBe(403);
    }
    expect((await thrown(post(asRoute(queuePage), "/ops/moderation", member, { action: "hide" }))).status).toBe(403);
  });

  it("lists a reported note and hides it with the reason typed in the form", async () => {
    const postId = await reportedPost("举报测试笔记");
    const page = await (await get(asRoute(queuePage), "/ops/moderation", staff)).json();
    const item = page.items.find((i: { targetId: string }) => i.targetId === postId);
    expect(item).toMatchObject({ reportCount: 1, reasons: [{ reason: "spam", count: 1 }], target: { title: "举报测试笔记" } });

    // An empty reason is sent back to its field, in Chinese by default, and nothing changes.
    const empty = await post(asRoute(queuePage), "/ops/moderation", staff, { targetType: "post", targetId: postId, action: "hide", reason: "" });
    expect(empty.status).toBe(422);
    const emptyBody = await empty.json();
    expect(emptyBody.result.error.reason).toEqual(["此项为必填。"]);
    expect((await ctx.db.select().from(posts).where(eq(posts.id, postId)))[0]!.status).toBe("published");

    const res = await post(asRoute(queuePage), "/ops/moderation", staff, { targetType: "post", targetId: postId, action: "hide", reason: "广告导流" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ targetId: postId, decided: true });
    expect((await ctx.db.select().from(posts).where(eq(posts.id, postId)))[0]).toMatchObject({ status: "hidden", moderationReason: "广告导流" });

    // Acting again on a state it doesn't fit is a message, not a 500.
    const again = await post(asRoute(queuePage), "/ops/moderation", staff, { targetType: "post", targetId: postId, action: "approve", reason: "x" });
    expect(again.status).toBe(409);
  });

  it("overturns an appeal from the appeals page", async () => {
    const postId = await reportedPost("申诉测试笔记");
    await post(asRoute(queuePage), "/ops/moderation", staff, { targetType: "post", targetId: postId, action: "remove", reason: "疑似搬运" });
    const [action] = await ctx.db.select().from(moderationActions).where(eq(moderationActions.targetId, postId));
    const [appeal] = await ctx.db
      .insert(appeals)
      .values({ actionId: action!.id, authorId, body: "原创", createdAt: ctx.clock.now() })
      .returning();
    const page = await (await get(asRoute(appealsPage), "/ops/moderation/appeals", staff)).json();
    expect(page.items.map((a: { id: string }) => a.id)).toContain(appeal!.id);

    const res = await post(asRoute(appealsPage), "/ops/moderation/appeals", staff, { appealId: appeal!.id, outcome: "overturn", reason: "" });
    expect(res.status).toBe(200);
    expect((await ctx.db.select().from(posts).where(eq(posts.id, postId)))[0]!.status).toBe("published");
    expect((await ctx.db.select().from(appeals).where(eq(appeals.id, appeal!.id)))[0]!.status).toBe("overturned");
  });

  it("lets the author appeal a decision once from the appeal page", async () => {
    const { user: author } = await createTestUser(ctx.db, { now: ctx.clock.now() });
    const session = await createSession(ctx.db, { userId: author.id, now: ctx.clock.now() });
    const authorCookie = sessionCookie(ctx, session).split(";")[0]!;
    const now = ctx.clock.now();
    const [note] = await ctx.db
      .insert(posts)
      .values({ authorId: author.id, status: "published", title: "我的笔记", body: "", publishedAt: now, createdAt: now, updatedAt: now })
      .returning();
    await post(asRoute(queuePage), "/ops/moderation", staff, { targetType: "post", targetId: note!.id, action: "hide", reason: "低质" });
    const [decision] = await ctx.db.select().from(moderationActions).where(eq(moderationActions.targetId, note!.id));
    const path = `/appeals/new?actionId=${decision!.id}`;

    expect((await thrown(get(asRoute(newAppealPage), "/appeals/new?actionId=nope", authorCookie))).status).toBe(404);
    expect(await (await get(asRoute(newAppealPage), path, authorCookie)).json()).toEqual({ actionId: decision!.id });
    const sent = await post(asRoute(newAppealPage), path, authorCookie, { actionId: decision!.id, body: "请复核" });
    expect(sent.status).toBe(200);
    expect((await sent.json()).sent).toBe(true);
    const again = await post(asRoute(newAppealPage), path, authorCookie, { actionId: decision!.id, body: "再来一次" });
    expect(again.status).toBe(409);
    expect((await again.json()).result.error[""]).toEqual(["该处理结果已申诉过。"]);
    // Someone else's decision doesn't exist for them.
    expect((await post(asRoute(newAppealPage), path, member, { actionId: decision!.id, body: "路过" })).status).toBe(404);
    expect(await ctx.db.select().from(appeals).where(eq(appeals.actionId, decision!.id))).toHaveLength(1);
  });

  it("adds and removes keywords", async () => {
    const added = await post(asRoute(keywordsPage), "/ops/moderation/keywords", staff, { keyword: "  私下交易 " });
    expect(added.status).toBe(200);
    const [row] = await ctx.db.select().from(moderationKeywords).where(eq(moderationKeywords.keyword, "私下交易"));
    expect(row).toBeDefined();
    const dup = await post(asRoute(keywordsPage), "/ops/moderation/keywords", staff, { keyword: "私下交易" });
    expect(dup.status).toBe(409);
    expect((await dup.json()).result.error.keyword).toEqual(["该关键词已在列表中。"]);
    const list = await (await get(asRoute(keywordsPage), "/ops/moderation/keywords", staff)).json();
    expect(list.keywords.map((k: { keyword: string }) => k.keyword)).toContain("私下交易");
    await post(asRoute(keywordsPage), "/ops/moderation/keywords", staff, { intent: "remove", keywordId: row!.id });
    expect(await ctx.db.select().from(moderationKeywords).where(eq(moderationKeywords.id, row!.id))).toEqual([]);
  });

  it("creates, renames, reorders and retires a category", async () => {
    // The home feed's chips come from a per-process copy of the list; each staff edit must show at once.
    const chips = async () =>
      ((await (await get(asRoute(homePage), "/", staff)).json()) as { categories: { slug: string; nameZh: string }[] }).categories;
    expect((await chips()).map((c) => c.slug)).not.toContain("pets");
    const created = await post(asRoute(categoriesPage), "/ops/categories", staff, { intent: "create", slug: "pets", nameZh: "萌宠", nameEn: "Pets", position: "" });
    expect(created.status).toBe(200);
    const [pets] = await ctx.db.select().from(categories).where(eq(categories.slug, "pets"));
    expect(pets).toMatchObject({ nameZh: "萌宠", isActive: true });
    expect((await chips()).find((c) => c.slug === "pets")).toMatchObject({ nameZh: "萌宠" });

    const bad = await post(asRoute(categoriesPage), "/ops/categories", staff, { intent: "create", slug: "Not A Slug!", nameZh: "", nameEn: "x" });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).result.error).sort()).toEqual(["nameZh", "slug"]);

    const renamed = await post(asRoute(categoriesPage), "/ops/categories", staff, {
      intent: "update",
      categoryId: pets!.id,
      nameZh: "宠物",
      nameEn: "Pets",
      position: "5",
    });
    expect(renamed.status).toBe(200);
    expect((await chips()).find((c) => c.slug === "pets")).toMatchObject({ nameZh: "宠物" });
    await post(asRoute(categoriesPage), "/ops/categories", staff, { intent: "toggle", categoryId: pets!.id, isActive: "false" });
    expect((await ctx.db.select().from(categories).where(eq(categories.id, pets!.id)))[0]).toMatchObject({ nameZh: "宠物", position: 5, isActive: false });
    expect((await chips()).map((c) => c.slug)).not.toContain("pets");

    const page = await (await get(asRoute(categoriesPage), "/ops/categories", staff)).json();
    expect(page.categories[0]).toMatchObject({ slug: "pets", isActive: false });
    expect(page.categories).toHaveLength(9);
  });
});
