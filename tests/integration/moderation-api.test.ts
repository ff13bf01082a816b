import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appeals, comments, moderationActions, outboxEvents, posts, reports, uploads, userStats, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { loadPostCards, type PostDetail, type QueueItem } from "../../server/content";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { services } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };
const DAY_MS = 24 * 60 * 60 * 1000;

describe("/api/v1 moderation: keyword holds, reports, decisions, appeals", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock(new Date());
  let staff: Member;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    server = await startTestServer(db, { clock, env: { REDIS_URL: services().redisUrl ?? undefined } });
    staff = await member({ roles: ["staff"] });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function member(options: { roles?: Role[] } = {}): Promise<Member> {
    const now = new Date(clock.now().getTime() - 2 * DAY_MS);
    const { user } = await createTestUser(db.handle.db, { now, roles: options.roles ?? [], handle: uniqueHandle("m") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }

  const api = (path: string, init: { method?: string; json?: unknown; as?: Member | null } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });

  const readyImage = async (ownerId: string) => {
    const id = crypto.randomUUID();
    const now = clock.now();
    await db.handle.db.insert(uploads).values({
      id,
      ownerId,
      kind: "image",
      key: `u/${ownerId}/${id}.jpg`,
      declaredMime: "image/jpeg",
      declaredSize: 1000,
      mime: "image/jpeg",
      size: 1000,
      width: 600,
      height: 800,
      status: "ready",
      createdAt: now,
      completedAt: now,
      expiresAt: new Date(now.getTime() + DAY_MS),
    });
    return id;
  };

  const createNote = async (author: Member, fields: { title?: string; body?: string } = {}) => {
    const res = await api("/posts", {
      as: author,
      json: { title: fields.title ?? "好用的收纳盒", body: fields.body ?? "整理衣柜神器", categorySlug: "home", mediaIds: [await readyImage(author.user.id)] },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { post: PostDetail }).post;
  };

  const createComment = async (postId: string, author: Member) => {
    const now = clock.now();
    const [row] = await db.handle.db
      .insert(comments)
      .values({ postId, authorId: author.user.id, body: "买它！", createdAt: now, updatedAt: now })
      .returning({ id: comments.id });
    return row!.id;
  };

  const decide = (targetType: "post" | "comment", targetId: string, action: string, reason = "违反社区规范", as: Member = staff) =>
    api("/moderation/decisions", { as, json: { targetType, targetId, action, reason } });

  const outboxCount = async (types?: string[]) => {
    const rows = await db.handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(outboxEvents)
      .where(types ? sql`${outboxEvents.type} in (${sql.join(types.map((t) => sql`${t}`), sql`, `)})` : undefined);
    return rows[0]!.n;
  };
  const eventPayloads = async (type: string, targetId: string, key = "postId") =>
    (
      await db.handle.db
        .select({ payload: outboxEvents.payload })
        .from(outboxEvents)
        .where(and(eq(outboxEvents.type, type), sql`${outboxEvents.payload}->>${key} = ${targetId}`))
        // In the order they were emitted: without it PostgreSQL returns rows as it finds them, and an
        // outbox row the fan-out has since updated can come back after a newer one.
        .orderBy(outboxEvents.id)
    ).map((r) => r.payload);
  const statusOf = async (postId: string) => (await db.handle.db.select({ s: posts.status }).from(posts).where(eq(posts.id, postId)))[0]!.s;
  const postCountOf = async (userId: string) =>
    (await db.handle.db.select({ n: userStats.postCount }).from(userStats).where(eq(userStats.userId, userId)))[0]?.n ?? 0;
  const queue = async () => {
    const res = await api("/moderation/queue?limit=50", { as: staff });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: QueueItem[] }).items;
  };

  describe("the keyword list", () => {
    it("holds a matching note for review until staff approve it", async () => {
      const keyword = `加微信${crypto.randomBytes(2).toString("hex")}`;
      const added = await api("/moderation/keywords", { as: staff, json: { keyword } });
      expect(added.status).toBe(201);
      expect((await api("/moderation/keywords", { as: staff, json: { keyword: keyword.toUpperCase() } })).status).toBe(409);
      const list = (await (await api("/moderation/keywords", { as: staff })).json()) as { keywords: { keyword: string }[] };
      expect(list.keywords.map((k) => k.keyword)).toContain(keyword);

      const author = await member();
      const reader = await member();
      const post = await createNote(author, { body: `想要的姐妹${keyword.toUpperCase()}详聊` });
      expect(post.status).toBe("held");
      expect(post.moderation).toMatchObject({ status: "held", canAppeal: false });
      expect(post.publishedAt).toBeNull();
      expect(await eventPayloads("content.post.published", post.id)).toEqual([]);
      expect(await postCountOf(author.user.id)).toBe(0);

      // Invisible to everyone else; the author and staff see it.
      expect((await api(`/posts/${post.id}`, { as: reader })).status).toBe(404);
      expect((await api(`/posts/${post.id}`)).status).toBe(404);
      expect((await api(`/posts/${post.id}`, { as: author })).status).toBe(200);
      expect((await api(`/posts/${post.id}`, { as: staff })).status).toBe(200);
      expect(await loadPostCards(server.ctx, [post.id], reader.user.id)).toEqual([]);

      const [hold] = await db.handle.db
        .select()
        .from(moderationActions)
        .where(and(eq(moderationActions.targetId, post.id), eq(moderationActions.action, "hold")));
      expect(hold).toMatchObject({ actorId: null, reason: `keyword: ${keyword}` });

      const item = (await queue()).find((i) => i.targetId === post.id);
      expect(item).toMatchObject({ targetType: "post", held: true, reportCount: 0, target: { status: "held", holdReason: `keyword: ${keyword}` } });

      // Members can't approve; staff can.
      expect((await decide("post", post.id, "approve", "ok", author)).status).toBe(403);
      const approved = await decide("post", post.id, "approve", "已人工审核");
      expect(approved.status).toBe(200);
      expect(await statusOf(post.id)).toBe("published");
      expect((await api(`/posts/${post.id}`, { as: reader })).status).toBe(200);
      expect(await eventPayloads("content.post.published", post.id)).toHaveLength(1);
      expect(await postCountOf(author.user.id)).toBe(1);
      expect((await queue()).find((i) => i.targetId === post.id)).toBeUndefined();
    });

    it("holds a published note again when an edit adds a keyword", async () => {
      const keyword = `代购${crypto.randomBytes(2).toString("hex")}`;
      expect((await api("/moderation/keywords", { as: staff, json: { keyword } })).status).toBe(201);
      const author = await member();
      const post = await createNote(author);
      expect(await postCountOf(author.user.id)).toBe(1);
      const res = await api(`/posts/${post.id}`, { as: author, method: "PATCH", json: { body: `海外${keyword}，私信` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { post: PostDetail }).post.status).toBe("held");
      expect(await postCountOf(author.user.id)).toBe(0);
      expect((await api(`/posts/${post.id}`)).status).toBe(404);

      const { keywords } = (await (await api("/moderation/keywords", { as: staff })).json()) as { keywords: { id: string; keyword: string }[] };
      const id = keywords.find((k) => k.keyword === keyword)!.id;
      expect((await api(`/moderation/keywords/${id}`, { as: author, method: "DELETE" })).status).toBe(403);
      expect((await api(`/moderation/keywords/${id}`, { as: staff, method: "DELETE" })).status).toBe(204);
      expect((await api(`/moderation/keywords/${id}`, { as: staff, method: "DELETE" })).status).toBe(404);
    });
  });

  describe("reports", () => {
    it("takes one report per member per note; a repeat succeeds and changes nothing", async () => {
      const post = await createNote(await member());
      const reporter = await member();
      const first = await api(`/posts/${post.id}/reports`, { as: reporter, json: { reason: "spam", detail: "广告" } });
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ created: true });
      const again = await api(`/posts/${post.id}/reports`, { as: reporter, json: { reason: "fraud" } });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ created: false });
      const rows = await db.handle.db.select().from(reports).where(eq(reports.targetId, post.id));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ reason: "spam", detail: "广告", status: "open" });
    });

    it("refuses bad reports with field messages and stores nothing", async () => {
      const post = await createNote(await member());
      const reporter = await member();
      const bad = [{ reason: "boring" }, { reason: "spam", detail: "长".repeat(501) }, {}];
      for (const json of bad) {
        const res = await api(`/posts/${post.id}/reports`, { as: reporter, json });
        expect(res.status).toBe(422);
        expect(Object.keys(((await res.json()) as ApiError).error.fields ?? {}).length).toBeGreaterThan(0);
      }
      expect((await api(`/posts/${post.id}/reports`, { json: { reason: "spam" } })).status).toBe(401);
      expect((await api(`/posts/${crypto.randomUUID()}/reports`, { as: reporter, json: { reason: "spam" } })).status).toBe(404);
      expect(await db.handle.db.select().from(reports).where(eq(reports.targetId, post.id))).toEqual([]);
    });

    it("groups open reports by target in the staff queue, with counts by reason", async () => {
      const author = await member();
      const post = await createNote(author);
      const commentId = await createComment(post.id, author);
      for (const reason of ["spam", "spam", "offensive"]) {
        expect((await api(`/posts/${post.id}/reports`, { as: await member(), json: { reason, detail: `说明${reason}` } })).status).toBe(200);
      }
      expect((await api(`/comments/${commentId}/reports`, { as: await member(), json: { reason: "offensive" } })).status).toBe(200);

      const items = await queue();
      const forPost = items.find((i) => i.targetId === post.id)!;
      expect(forPost).toMatchObject({ targetType: "post", reportCount: 3, held: false, target: { title: post.title, author: { id: author.user.id } } });
      expect(forPost.reasons).toEqual([
        { reason: "spam", count: 2 },
        { reason: "offensive", count: 1 },
      ]);
      expect(forPost.details).toHaveLength(3);
      expect(items.find((i) => i.targetId === commentId)).toMatchObject({ targetType: "comment", reportCount: 1, target: { postId: post.id } });

      // Pages walk the whole queue without repeats.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await api(`/moderation/queue?limit=1${cursor ? `&cursor=${cursor}` : ""}`, { as: staff });
        const page = (await res.json()) as { items: QueueItem[]; nextCursor: string | null };
        seen.push(...page.items.map((i) => i.targetId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(items.map((i) => i.targetId));
      expect((await api("/moderation/queue?cursor=garbage", { as: staff })).status).toBe(422);

      expect((await api("/moderation/queue", { as: author })).status).toBe(403);
      expect((await api("/moderation/queue")).status).toBe(401);
    });
  });

  describe("decisions", () => {
    it("hides a note with a reason the author sees, in one transaction with its events", async () => {
      const author = await member();
      const reader = await member();
      const post = await createNote(author);
      await api(`/posts/${post.id}/reports`, { as: reader, json: { reason: "spam" } });
      const before = await outboxCount();

      const res = await decide("post", post.id, "hide", "含有导流信息");
      expect(res.status).toBe(200);
      const { decision } = (await res.json()) as { decision: { actionId: string; status: string } };
      expect(decision.status).toBe("hidden");
      // Exactly the two events of this decision, written with it.
      expect(await outboxCount()).toBe(before + 2);
      expect(await eventPayloads("content.post.hidden", post.id)).toEqual([
        { postId: post.id, authorId: author.user.id, actionId: decision.actionId, reason: "含有导流信息" },
      ]);
      expect(await eventPayloads("content.moderation.decided", post.id, "targetId")).toEqual([
        { actionId: decision.actionId, targetType: "post", targetId: post.id, authorId: author.user.id, action: "hide", reason: "含有导流信息" },
      ]);
      const [report] = await db.handle.db.select().from(reports).where(eq(reports.targetId, post.id));
      expect(report).toMatchObject({ status: "actioned", resolvedBy: staff.user.id });
      expect(await postCountOf(author.user.id)).toBe(0);

      // Invisible to others; the author sees the reason and may appeal.
      expect((await api(`/posts/${post.id}`, { as: reader })).status).toBe(404);
      expect(await loadPostCards(server.ctx, [post.id], reader.user.id)).toEqual([]);
      expect(await loadPostCards(server.ctx, [post.id], null)).toEqual([]);
      const own = (await (await api(`/posts/${post.id}`, { as: author })).json()) as { post: PostDetail };
      expect(own.post.moderation).toEqual({ status: "hidden", reason: "含有导流信息", actionId: decision.actionId, canAppeal: true });
      expect(own.post.canEdit).toBe(false);
      expect((await loadPostCards(server.ctx, [post.id], author.user.id)).map((c) => c.status)).toEqual(["hidden"]);
      expect((await loadPostCards(server.ctx, [post.id], staff.user.id)).map((c) => c.status)).toEqual(["hidden"]);
      expect((await api(`/posts/${post.id}`, { as: author, method: "PATCH", json: { title: "改一下" } })).status).toBe(409);
    });

    it("refuses a decision that doesn't fit the state and writes nothing", async () => {
      const post = await createNote(await member());
      const actionsBefore = await db.handle.db.select().from(moderationActions).where(eq(moderationActions.targetId, post.id));
      const before = await outboxCount();
      expect((await decide("post", post.id, "restore")).status).toBe(409);
      expect((await decide("post", post.id, "approve")).status).toBe(409);
      expect((await decide("post", post.id, "hide", "   ")).status).toBe(422);
      expect((await decide("post", crypto.randomUUID(), "hide")).status).toBe(404);
      expect(await outboxCount()).toBe(before);
      expect(await db.handle.db.select().from(moderationActions).where(eq(moderationActions.targetId, post.id))).toEqual(actionsBefore);
      expect(await statusOf(post.id)).toBe("published");
    });

    it("removes and restores a note, moving the author's count both ways", async () => {
      const author = await member();
      const post = await createNote(author);
      expect((await decide("post", post.id, "remove", "违规")).status).toBe(200);
      expect(await statusOf(post.id)).toBe("removed");
      expect(await postCountOf(author.user.id)).toBe(0);
      expect(await eventPayloads("content.post.removed", post.id)).toHaveLength(1);
      const restored = await decide("post", post.id, "restore", "误判");
      expect(restored.status).toBe(200);
      expect(await statusOf(post.id)).toBe("published");
      expect(await postCountOf(author.user.id)).toBe(1);
      expect(await eventPayloads("content.post.restored", post.id)).toHaveLength(1);
      const view = (await (await api(`/posts/${post.id}`)).json()) as { post: PostDetail };
      expect(view.post).toMatchObject({ status: "published", moderation: null, publishedAt: post.publishedAt });
    });

    it("dismisses reports without touching the note or telling the author", async () => {
      const post = await createNote(await member());
      await api(`/posts/${post.id}/reports`, { as: await member(), json: { reason: "other" } });
      expect((await decide("post", post.id, "dismiss", "未发现违规")).status).toBe(200);
      expect(await statusOf(post.id)).toBe("published");
      expect(await eventPayloads("content.moderation.decided", post.id, "targetId")).toEqual([]);
      const [report] = await db.handle.db.select().from(reports).where(eq(reports.targetId, post.id));
      expect(report!.status).toBe("dismissed");
      expect((await queue()).find((i) => i.targetId === post.id)).toBeUndefined();
    });

    it("hides and restores a comment, moving the note's visible comment count", async () => {
      const author = await member();
      const post = await createNote(await member());
      const commentId = await createComment(post.id, author);
      await db.handle.db.update(posts).set({ commentCount: 1 }).where(eq(posts.id, post.id));
      const commentCount = async () => (await db.handle.db.select({ n: posts.commentCount }).from(posts).where(eq(posts.id, post.id)))[0]!.n;
      const res = await decide("comment", commentId, "hide", "人身攻击");
      expect(res.status).toBe(200);
      const [row] = await db.handle.db.select().from(comments).where(eq(comments.id, commentId));
      expect(row).toMatchObject({ status: "hidden", moderationReason: "人身攻击" });
      expect(await eventPayloads("content.moderation.decided", commentId, "targetId")).toEqual([
        expect.objectContaining({ targetType: "comment", authorId: author.user.id, action: "hide" }),
      ]);
      expect(await commentCount()).toBe(0);
      expect((await decide("comment", commentId, "remove", "人身攻击")).status).toBe(200);
      expect(await commentCount()).toBe(0);
      expect((await decide("comment", commentId, "approve")).status).toBe(409);
      expect((await decide("comment", commentId, "restore", "恢复")).status).toBe(200);
      const [back] = await db.handle.db.select().from(comments).where(eq(comments.id, commentId));
      expect(back).toMatchObject({ status: "visible", moderationReason: null });
      expect(await commentCount()).toBe(1);
    });
  });

  describe("appeals", () => {
    it("takes one appeal per decision, from its author only, and overturning restores the note", async () => {
      const author = await member();
      const other = await member();
      const post = await createNote(author);
      const { decision } = (await (await decide("post", post.id, "remove", "疑似搬运")).json()) as { decision: { actionId: string } };

      expect((await api("/moderation/appeals", { as: other, json: { actionId: decision.actionId, body: "不是我的" } })).status).toBe(404);
      expect((await api("/moderation/appeals", { as: author, json: { actionId: decision.actionId, body: "" } })).status).toBe(422);
      const first = await api("/moderation/appeals", { as: author, json: { actionId: decision.actionId, body: "这是我自己拍的原图" } });
      expect(first.status).toBe(201);
      const { appeal } = (await first.json()) as { appeal: { id: string } };
      const second = await api("/moderation/appeals", { as: author, json: { actionId: decision.actionId, body: "再申诉一次" } });
      expect(second.status).toBe(409);
      expect(((await second.json()) as ApiError).error.message).toBe("This decision has already been appealed.");
      expect(await db.handle.db.select().from(appeals).where(eq(appeals.actionId, decision.actionId))).toHaveLength(1);
      const view = (await (await api(`/posts/${post.id}`, { as: author })).json()) as { post: PostDetail };
      expect(view.post.moderation?.canAppeal).toBe(false);

      const open = (await (await api("/moderation/appeals", { as: staff })).json()) as { items: { id: string; body: string }[] };
      expect(open.items.find((a) => a.id === appeal.id)).toMatchObject({ body: "这是我自己拍的原图" });
      expect((await api("/moderation/appeals", { as: author })).status).toBe(403);
      expect((await api(`/moderation/appeals/${appeal.id}/decision`, { as: author, json: { outcome: "overturn" } })).status).toBe(403);

      const overturned = await api(`/moderation/appeals/${appeal.id}/decision`, { as: staff, json: { outcome: "overturn" } });
      expect(overturned.status).toBe(200);
      expect(await overturned.json()).toEqual({ appeal: { id: appeal.id, status: "overturned" } });
      expect(await statusOf(post.id)).toBe("published");
      expect((await api(`/posts/${post.id}`, { as: other })).status).toBe(200);
      expect(await eventPayloads("content.post.restored", post.id)).toHaveLength(1);
      expect((await api(`/moderation/appeals/${appeal.id}/decision`, { as: staff, json: { outcome: "uphold" } })).status).toBe(409);
    });

    it("upholding keeps the note down and tells the author", async () => {
      const author = await member();
      const post = await createNote(author);
      const { decision } = (await (await decide("post", post.id, "hide", "低质内容")).json()) as { decision: { actionId: string } };
      const { appeal } = (await (await api("/moderation/appeals", { as: author, json: { actionId: decision.actionId, body: "请再看看" } })).json()) as {
        appeal: { id: string };
      };
      const res = await api(`/moderation/appeals/${appeal.id}/decision`, { as: staff, json: { outcome: "uphold", reason: "维持原判" } });
      expect(res.status).toBe(200);
      expect(await statusOf(post.id)).toBe("hidden");
      const decided = await eventPayloads("content.moderation.decided", post.id, "targetId");
      expect(decided.map((p) => p.action)).toEqual(["hide", "uphold"]);
      expect(decided[1]).toMatchObject({ reason: "维持原判", authorId: author.user.id, actionId: decision.actionId });
    });

    it("can't appeal a keyword hold: it is still waiting for a decision", async () => {
      const keyword = `刷单${crypto.randomBytes(2).toString("hex")}`;
      await api("/moderation/keywords", { as: staff, json: { keyword } });
      const author = await member();
      const post = await createNote(author, { title: `兼职${keyword}` });
      const [hold] = await db.handle.db.select().from(moderationActions).where(eq(moderationActions.targetId, post.id));
      expect((await api("/moderation/appeals", { as: author, json: { actionId: hold!.id, body: "为什么" } })).status).toBe(409);
    });
  });
});
