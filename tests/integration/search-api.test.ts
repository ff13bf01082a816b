import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostStatus } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { deletePost, moderate } from "../../server/content";
import { CONTENT_EVENTS } from "../../server/content/events";
import { updateProfile, type CurrentUser } from "../../server/identity";
import { emitEvent } from "../../server/jobs";
import { createJobRunner } from "../../server/jobs/runner";
import { searchConsumers, type SearchResult } from "../../server/search";
import { createTestUser } from "../factories/users";
import { createTestContext, testConfig } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { createNote, ensureCategory } from "./feeds-fixtures";

type Body = SearchResult & { error: { code: string; fields: Record<string, string[]> } };

describe("search API and index sync", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  let author: CurrentUser;
  let staff: CurrentUser;

  const drain = () =>
    createJobRunner({
      db: db.handle.db,
      logger: server.ctx.logger,
      clock: server.ctx.clock,
      consumers: searchConsumers,
      context: { config: server.ctx.config, realtime: server.ctx.realtime },
    }).drain();

  async function publish(title: string, body: string, category: string, status: PostStatus = "published") {
    const categoryId = await ensureCategory(db.handle.db, category);
    const post = await createNote(db.handle.db, author.id, { title, body, categoryId, status });
    await db.handle.db.transaction((tx) =>
      emitEvent(tx, {
        type: CONTENT_EVENTS.postPublished,
        payload: { postId: post.id, authorId: author.id, categoryId, title, mentionedUserIds: [], topicNames: [] },
        occurredAt: new Date(),
      }),
    );
    return post;
  }

  async function get(query: Record<string, string>) {
    const res = await fetch(`${server.url}/api/v1/search?${new URLSearchParams(query)}`);
    return { status: res.status, body: (await res.json()) as Body };
  }
  const titles = (body: Body) => body.notes.map((n) => n.title);

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db);
    author = (await createTestUser(db.handle.db, { handle: "hongbao", displayName: "红包妹妹" })).user;
    await db.handle.db.execute(sql`update users set bio = '口红试色和护肤日常' where id = ${author.id}`);
    staff = (await createTestUser(db.handle.db, { handle: "staffer", roles: ["staff"] })).user;
    await db.handle.db.transaction((tx) =>
      emitEvent(tx, { type: "identity.user.signedUp", payload: { userId: author.id, handle: "hongbao", locale: "zh-CN" }, occurredAt: new Date() }),
    );
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  it("finds a published note once the outbox has delivered it, with highlights and category counts", async () => {
    await publish("这支口红颜色很好看", "滋润不拔干，通勤也能用。", "beauty");
    await publish("面霜很保湿", "干皮冬天的救星，口红也不卡纹。", "beauty");
    await publish("口红色的咖啡杯", "颜色很正。", "home");
    expect((await get({ q: "口红" })).body.total).toBe(0);
    await drain();

    const { status, body } = await get({ q: "口红" });
    expect(status).toBe(200);
    expect(titles(body)).toContain("这支口红颜色很好看");
    expect(body.categories.map((c) => [c.slug, c.count])).toEqual([
      ["beauty", 2],
      ["home", 1],
    ]);
    expect(body.categories[0]!.nameZh).toBe("美妆");
    const hit = body.notes.find((n) => n.title === "这支口红颜色很好看")!;
    const [a, b] = hit.highlight.title.ranges[0]!;
    expect(hit.highlight.title.text.slice(a, b)).toBe("口红");
    expect(hit.author.handle).toBe("hongbao");

    const narrowed = await get({ q: "口红", category: "home" });
    expect(titles(narrowed.body)).toEqual(["口红色的咖啡杯"]);
  });

  it("finds members by name and bio on the creators tab", async () => {
    const { body } = await get({ q: "红包", type: "users" });
    expect(body.users.map((u) => u.user.handle)).toEqual(["hongbao"]);
    expect(body.notes).toEqual([]);
    const byBio = await get({ q: "试色", type: "users" });
    expect(byBio.body.users.map((u) => u.bio)).toEqual(["口红试色和护肤日常"]);
  });

  it("never shows a note in any non-public state, even when an event says it was published", async () => {
    for (const status of ["draft", "held", "hidden", "removed", "deleted"] as const) {
      await publish(`秘密香水 ${status}`, "不该被搜到。", "beauty", status);
    }
    await drain();
    expect((await get({ q: "秘密香水" })).body.total).toBe(0);
  });

  it("drops a note from results when staff hide it and brings it back when restored", async () => {
    const post = await publish("防晒霜实测", "SPF50 清爽不油。", "beauty");
    await drain();
    expect(titles((await get({ q: "防晒霜" })).body)).toEqual(["防晒霜实测"]);

    const ctx = createTestContext(db.handle.db);
    await moderate(ctx, staff, { targetType: "post", targetId: post.id, action: "hide", reason: "广告" });
    await drain();
    expect((await get({ q: "防晒霜" })).body.total).toBe(0);

    await moderate(ctx, staff, { targetType: "post", targetId: post.id, action: "restore", reason: "申诉通过" });
    await drain();
    expect(titles((await get({ q: "防晒霜" })).body)).toEqual(["防晒霜实测"]);

    await deletePost(ctx, author, post.id);
    await drain();
    expect((await get({ q: "防晒霜" })).body.total).toBe(0);
  });

  it("finds the author's notes under a new display name after a profile edit", async () => {
    await publish("香氛蜡烛", "木质调。", "home");
    await drain();
    await updateProfile(createTestContext(db.handle.db), author.id, { displayName: "蜡烛研究所" });
    await drain();
    expect(titles((await get({ q: "蜡烛研究所" })).body)).toContain("香氛蜡烛");
    expect((await get({ q: "蜡烛研究所", type: "users" })).body.users).toHaveLength(1);
  });

  it("keeps the author's write when the search engine is down: the delivery retries instead", async () => {
    const down = testConfig({ DATABASE_URL: db.url, MEILI_HOST: "http://127.0.0.1:9" });
    const ctx = { ...createTestContext(db.handle.db, { config: down }) };
    const post = await publish("耳机测评", "降噪很强。", "digital");
    const result = await createJobRunner({
      db: db.handle.db,
      logger: ctx.logger,
      clock: ctx.clock,
      consumers: searchConsumers,
      context: { config: down, realtime: ctx.realtime },
    }).drain();
    expect(result.retrying).toBeGreaterThan(0);
    const rows = await db.handle.db.execute(sql`select status from posts where id = ${post.id}`);
    expect(JSON.stringify(rows)).toContain("published");
    const pending = await db.handle.db.execute(
      sql`select count(*)::int as n from outbox_deliveries where consumer = 'search.indexNotes' and status <> 'delivered'`,
    );
    expect(JSON.stringify(pending)).toMatch(/"n":[1-9]/);
  });

  it("pages with nextCursor without repeating a note", async () => {
    for (let i = 0; i < 7; i++) await publish(`露营清单 ${i + 1}`, "帐篷和睡袋。", "travel");
    await drain();
    const first = await get({ q: "露营", limit: "4" });
    expect(first.body.notes).toHaveLength(4);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get({ q: "露营", limit: "4", cursor: first.body.nextCursor! });
    expect(second.body.notes).toHaveLength(3);
    expect(second.body.nextCursor).toBeNull();
    expect(new Set([...titles(first.body), ...titles(second.body)]).size).toBe(7);
    const byPage = await get({ q: "露营", limit: "4", page: "2" });
    expect(titles(byPage.body)).toEqual(titles(second.body));
  });

  describe("bad input is a 4xx or an empty result, never a 500", () => {
    it.each([
      ["a missing query", {}],
      ["a blank query", { q: "   " }],
      ["a 1,000-character query", { q: "口".repeat(1000) }],
      ["an unknown type", { q: "口红", type: "products-and-more" }],
      ["an unknown sort", { q: "口红", sort: "random()" }],
      ["a damaged cursor", { q: "口红", cursor: "not-a-cursor!!" }],
      ["a forged cursor far beyond the end", { q: "口红", cursor: Buffer.from(JSON.stringify({ o: 999999 })).toString("base64url") }],
      ["page zero", { q: "口红", page: "0" }],
      ["a limit of a million", { q: "口红", limit: "1000000" }],
      ["an unknown parameter", { q: "口红", where: "1=1" }],
    ])("%s → 422 with field messages", async (_name, query) => {
      const { status, body } = await get(query as Record<string, string>);
      expect(status).toBe(422);
      expect(body.error.fields).toBeTypeOf("object");
    });

    it.each([
      "'; drop table posts; --",
      "口红' or '1'='1",
      "a & b | !c <-> d",
      "lip:* & (",
      ".*+?^${}()|[]\\",
      "%_%",
      "\u0000\u0002\u0003",
      "🙂🙂🙂",
    ])("the query %j answers 200", async (q) => {
      const { status, body } = await get({ q });
      expect(status).toBe(200);
      expect(Array.isArray(body.notes)).toBe(true);
    });

    it("an unknown category finds nothing", async () => {
      const { status, body } = await get({ q: "口红", category: "no-such-thing" });
      expect(status).toBe(200);
      expect(body.total).toBe(0);
      expect(body.notes).toEqual([]);
    });

    it("the posts table is untouched after all that", async () => {
      const rows = await db.handle.db.execute(sql`select count(*)::int as n from posts`);
      expect(JSON.stringify(rows)).toMatch(/"n":\d+/);
    });
  });
});
