import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comments, likes, outboxEvents, posts, shares, userStats, type PostStatus, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import type { CommentView } from "../../server/content";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { createNote, HIDDEN_STATES } from "./feeds-fixtures";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };
const DAY_MS = 24 * 60 * 60 * 1000;

describe("/api/v1 engagement: likes, favourites, shares, comments, follows", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock(new Date());
  let author: Member;
  let reader: Member;
  let staff: Member;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    // No Redis: in-process rate limits, so this file's budgets are its own.
    server = await startTestServer(db, { clock });
    author = await member();
    reader = await member();
    staff = await member({ roles: ["staff"] });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function member(options: { roles?: Role[]; ageMs?: number } = {}): Promise<Member> {
    const now = new Date(clock.now().getTime() - (options.ageMs ?? 2 * DAY_MS));
    const { user } = await createTestUser(db.handle.db, { now, roles: options.roles ?? [], handle: uniqueHandle("e") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }

  const api = (path: string, init: { method?: string; json?: unknown; raw?: string; as?: Member | null } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined || init.raw !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.json !== undefined || init.raw !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.raw ?? (init.json !== undefined ? JSON.stringify(init.json) : undefined),
    });

  const note = (status: PostStatus = "published") => createNote(db.handle.db, author.user.id, { status, publishedAt: status === "draft" ? null : clock.now() });
  const postRow = async (id: string) => (await db.handle.db.select().from(posts).where(eq(posts.id, id)))[0]!;
  const commentCount = async (postId: string) =>
    (await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(comments).where(eq(comments.postId, postId)))[0]!.n;

  describe("likes and favourites", () => {
    it("likes, unlikes and favourites a note and shows the counts", async () => {
      const post = await note();
      let res = await api(`/posts/${post.id}/like`, { method: "POST", as: reader });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ liked: true, likeCount: 1 });
      res = await api(`/posts/${post.id}/favorite`, { method: "POST", as: reader });
      expect(await res.json()).toEqual({ favorited: true, favoriteCount: 1 });
      res = await api(`/posts/${post.id}/like`, { method: "DELETE", as: reader });
      expect(await res.json()).toEqual({ liked: false, likeCount: 0 });
      res = await api(`/posts/${post.id}/favorite`, { method: "DELETE", as: reader });
      expect(await res.json()).toEqual({ favorited: false, favoriteCount: 0 });
      const [stats] = await db.handle.db.select().from(userStats).where(eq(userStats.userId, author.user.id));
      expect(stats).toMatchObject({ likesReceived: 0, favoritesReceived: 0 });
    });

    it("counts one member's 50 simultaneous like requests as one like", async () => {
      const post = await note();
      const results = await Promise.all(Array.from({ length: 50 }, () => api(`/posts/${post.id}/like`, { method: "POST", as: reader })));
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect((await postRow(post.id)).likeCount).toBe(1);
      const rows = await db.handle.db.select().from(likes).where(eq(likes.postId, post.id));
      expect(rows).toHaveLength(1);
    });

    it("answers 404 for liking, favouriting or sharing a draft, held, hidden, removed or deleted note, and writes nothing", async () => {
      for (const status of HIDDEN_STATES) {
        const post = await note(status);
        for (const path of ["like", "favorite"]) {
          const res = await api(`/posts/${post.id}/${path}`, { method: "POST", as: reader });
          expect(res.status, `${path} a ${status} note`).toBe(404);
        }
        expect((await api(`/posts/${post.id}/shares`, { json: {}, as: reader })).status).toBe(404);
        const row = await postRow(post.id);
        expect([row.likeCount, row.favoriteCount, row.shareCount]).toEqual([0, 0, 0]);
      }
      expect((await api(`/posts/${crypto.randomUUID()}/like`, { method: "POST", as: reader })).status).toBe(404);
      const badId = await api(`/posts/not-an-id/like`, { method: "POST", as: reader });
      expect(badId.status).toBe(422);
      expect(((await badId.json()) as ApiError).error.fields).toHaveProperty("postId");
    });

    it("asks visitors to log in before liking", async () => {
      const post = await note();
      expect((await api(`/posts/${post.id}/like`, { method: "POST" })).status).toBe(401);
    });
  });

  describe("shares", () => {
    it("records a share with its channel and hands out a share URL, for members and visitors", async () => {
      const post = await note();
      let res = await api(`/posts/${post.id}/shares`, { json: { channel: "wechat" }, as: reader });
      expect(res.status).toBe(201);
      const first = (await res.json()) as { shareUrl: string; shareCount: number; shareId: string };
      expect(first.shareUrl).toBe(`${server.ctx.config.publicUrl ?? ""}/n/${post.id}?s=${first.shareId}`);
      expect(first.shareCount).toBe(1);
      res = await api(`/posts/${post.id}/shares`, { json: {} });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { shareCount: number }).shareCount).toBe(2);
      const rows = await db.handle.db.select().from(shares).where(eq(shares.postId, post.id));
      expect(rows.map((r) => [r.userId, r.channel]).sort()).toEqual([[null, "link"], [reader.user.id, "wechat"]].sort());
    });

    it("refuses an unknown share channel with a field message", async () => {
      const post = await note();
      const res = await api(`/posts/${post.id}/shares`, { json: { channel: "fax" }, as: reader });
      expect(res.status).toBe(422);
      expect(((await res.json()) as ApiError).error.fields).toHaveProperty("channel");
      expect((await postRow(post.id)).shareCount).toBe(0);
    });
  });

  describe("comments", () => {
    const comment = async (postId: string, body: unknown, as: Member, parentId?: string) =>
      api(`/posts/${postId}/comments`, { json: parentId ? { body, parentId } : { body }, as });

    it("posts a comment with a resolved @mention and emits content.comment.created", async () => {
      const post = await note();
      const res = await comment(post.id, `说得对 @${author.user.handle} 求链接`, reader);
      expect(res.status).toBe(201);
      const { comment: view } = (await res.json()) as { comment: CommentView };
      expect(view).toMatchObject({ postId: post.id, parentId: null, replyTo: null, replyCount: 0, status: "visible", canDelete: true });
      expect(view.author.id).toBe(reader.user.id);
      expect(view.bodyTokens).toContainEqual({ type: "mention", handle: author.user.handle, userId: author.user.id });
      expect((await postRow(post.id)).commentCount).toBe(1);
      const [event] = await db.handle.db
        .select()
        .from(outboxEvents)
        .where(and(eq(outboxEvents.type, "content.comment.created"), sql`${outboxEvents.payload}->>'commentId' = ${view.id}`));
      expect(event!.payload).toMatchObject({
        postId: post.id,
        userId: reader.user.id,
        postAuthorId: author.user.id,
        parentId: null,
        parentAuthorId: null,
        replyToUserId: null,
        mentionedUserIds: [author.user.id],
      });
    });

    it("attaches a reply to a reply to the top-level comment and names whom it answers", async () => {
      const post = await note();
      const top = ((await (await comment(post.id, "这个色号适合黄皮吗？", reader)).json()) as { comment: CommentView }).comment;
      const first = ((await (await comment(post.id, "适合的", author, top.id)).json()) as { comment: CommentView }).comment;
      expect(first).toMatchObject({ parentId: top.id, replyTo: null });
      const res = await comment(post.id, "谢谢博主！", reader, first.id);
      const second = ((await res.json()) as { comment: CommentView }).comment;
      expect(second.parentId).toBe(top.id);
      expect(second.replyTo?.id).toBe(author.user.id);
      const [event] = await db.handle.db
        .select()
        .from(outboxEvents)
        .where(and(eq(outboxEvents.type, "content.comment.created"), sql`${outboxEvents.payload}->>'commentId' = ${second.id}`));
      expect(event!.payload).toMatchObject({ parentId: top.id, parentAuthorId: reader.user.id, replyToUserId: author.user.id });
      expect((await postRow(post.id)).commentCount).toBe(3);
    });

    it("lists top-level comments newest first with their first three replies, and pages through the rest", async () => {
      const post = await note();
      const tops: string[] = [];
      for (let i = 0; i < 5; i++) {
        clock.advance(1000);
        tops.push(((await (await comment(post.id, `评论 ${i}`, reader)).json()) as { comment: CommentView }).comment.id);
      }
      const replier = await member();
      for (let i = 0; i < 5; i++) {
        clock.advance(1000);
        expect((await comment(post.id, `回复 ${i}`, replier, tops[4])).status).toBe(201);
      }
      let res = await api(`/posts/${post.id}/comments?limit=2`);
      const page1 = (await res.json()) as { items: CommentView[]; nextCursor: string | null };
      expect(page1.items.map((c) => c.id)).toEqual([tops[4], tops[3]]);
      expect(page1.items[0]!.replyCount).toBe(5);
      expect(page1.items[0]!.replies!.map((r) => r.body)).toEqual(["回复 0", "回复 1", "回复 2"]);
      expect(page1.items[0]!.canDelete).toBe(false);
      res = await api(`/posts/${post.id}/comments?limit=2&cursor=${page1.nextCursor}`);
      const page2 = (await res.json()) as { items: CommentView[]; nextCursor: string | null };
      expect(page2.items.map((c) => c.id)).toEqual([tops[2], tops[1]]);
      res = await api(`/posts/${post.id}/comments?limit=2&cursor=${page2.nextCursor}`);
      const page3 = (await res.json()) as { items: CommentView[]; nextCursor: string | null };
      expect(page3.items.map((c) => c.id)).toEqual([tops[0]]);
      expect(page3.nextCursor).toBeNull();

      res = await api(`/comments/${tops[4]}/replies?limit=3`);
      const replies1 = (await res.json()) as { items: CommentView[]; nextCursor: string };
      expect(replies1.items.map((r) => r.body)).toEqual(["回复 0", "回复 1", "回复 2"]);
      res = await api(`/comments/${tops[4]}/replies?limit=3&cursor=${replies1.nextCursor}`);
      expect(((await res.json()) as { items: CommentView[] }).items.map((r) => r.body)).toEqual(["回复 3", "回复 4"]);
      expect((await api(`/posts/${post.id}/comments?cursor=garbage!`)).status).toBe(422);
    });

    it("refuses empty, 501-character, wrongly typed and unknown-field comments with field messages, storing nothing", async () => {
      const post = await note();
      const cases: [unknown, string][] = [
        [{ body: "" }, "body"],
        [{ body: "   " }, "body"],
        [{ body: "好".repeat(501) }, "body"],
        [{ body: 123 }, "body"],
        [{}, "body"],
        [{ body: "ok", parentId: "nope" }, "parentId"],
        [{ body: "ok", html: "<b>" }, "html"],
      ];
      for (const [json, field] of cases) {
        const res = await api(`/posts/${post.id}/comments`, { json, as: reader });
        expect(res.status, JSON.stringify(json).slice(0, 40)).toBe(422);
        expect(((await res.json()) as ApiError).error.fields).toHaveProperty(field);
      }
      expect((await api(`/posts/${post.id}/comments`, { raw: "{not json", as: reader })).status).toBe(400);
      expect((await comment(crypto.randomUUID(), "hello", reader)).status).toBe(404);
      const other = await note();
      const elsewhere = ((await (await comment(other.id, "别处的评论", reader)).json()) as { comment: CommentView }).comment;
      const res = await comment(post.id, "回错地方", reader, elsewhere.id);
      expect(res.status).toBe(422);
      expect(((await res.json()) as ApiError).error.fields).toHaveProperty("parentId");
      expect(await commentCount(post.id)).toBe(0);
      expect((await postRow(post.id)).commentCount).toBe(0);
      // Exactly 500 characters is fine.
      expect((await comment(post.id, "好".repeat(500), reader)).status).toBe(201);
    });

    it("keeps comments on hidden notes out: 404 to comment, 404 to list for anyone but author and staff", async () => {
      for (const status of HIDDEN_STATES) {
        const post = await note(status);
        expect((await comment(post.id, "看不到的笔记", reader)).status, status).toBe(404);
        expect((await api(`/posts/${post.id}/comments`, { as: reader })).status).toBe(404);
        expect(await commentCount(post.id)).toBe(0);
      }
      const hidden = await note("hidden");
      expect((await api(`/posts/${hidden.id}/comments`, { as: author })).status).toBe(200);
      expect((await api(`/posts/${hidden.id}/comments`, { as: staff })).status).toBe(200);
    });

    it("lets only the author or staff delete a comment; deleting a thread takes its replies and counts with it", async () => {
      const post = await note();
      const top = ((await (await comment(post.id, "顶层评论", reader)).json()) as { comment: CommentView }).comment;
      const reply = ((await (await comment(post.id, "回复一下", author, top.id)).json()) as { comment: CommentView }).comment;
      const stranger = await member();

      const denied = await api(`/comments/${top.id}`, { method: "DELETE", as: stranger });
      expect(denied.status).toBe(403);
      expect((await postRow(post.id)).commentCount).toBe(2);

      expect((await api(`/comments/${reply.id}`, { method: "DELETE", as: author })).status).toBe(204);
      expect((await postRow(post.id)).commentCount).toBe(1);
      const [topRow] = await db.handle.db.select().from(comments).where(eq(comments.id, top.id));
      expect(topRow!.replyCount).toBe(0);

      await comment(post.id, "再回复", author, top.id);
      expect((await postRow(post.id)).commentCount).toBe(2);
      expect((await api(`/comments/${top.id}`, { method: "DELETE", as: staff })).status).toBe(204);
      expect((await postRow(post.id)).commentCount).toBe(0);
      const list = (await (await api(`/posts/${post.id}/comments`)).json()) as { items: CommentView[] };
      expect(list.items).toEqual([]);
      expect((await api(`/comments/${top.id}`, { method: "DELETE", as: staff })).status).toBe(404);
    });

    it("lets a new account post 10 comments in 10 minutes and refuses the 11th with 429", async () => {
      const post = await note();
      const newcomer = await member({ ageMs: 60 * 60 * 1000 });
      for (let i = 0; i < 10; i++) expect((await comment(post.id, `第 ${i} 条`, newcomer)).status).toBe(201);
      const res = await comment(post.id, "第 11 条", newcomer);
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBeTruthy();
      // An established member has more room.
      const regular = await member();
      for (let i = 0; i < 11; i++) expect((await comment(post.id, `老用户 ${i}`, regular)).status).toBe(201);
    });
  });

  describe("follows", () => {
    it("follows and unfollows, keeping both members' counters", async () => {
      const fan = await member();
      let res = await api(`/users/${author.user.id}/follow`, { method: "POST", as: fan });
      expect(res.status).toBe(200);
      const followed = (await res.json()) as { following: boolean; followerCount: number };
      expect(followed.following).toBe(true);
      res = await api(`/users/${author.user.id}/follow`, { method: "POST", as: fan });
      expect(((await res.json()) as { followerCount: number }).followerCount).toBe(followed.followerCount);
      const [fanStats] = await db.handle.db.select().from(userStats).where(eq(userStats.userId, fan.user.id));
      expect(fanStats!.followingCount).toBe(1);
      res = await api(`/users/${author.user.id}/follow`, { method: "DELETE", as: fan });
      expect(await res.json()).toEqual({ following: false, followerCount: followed.followerCount - 1 });
    });

    it("refuses following yourself with 422 and an unknown member with 404", async () => {
      const res = await api(`/users/${reader.user.id}/follow`, { method: "POST", as: reader });
      expect(res.status).toBe(422);
      expect(((await res.json()) as ApiError).error.fields).toHaveProperty("userId");
      expect((await api(`/users/${crypto.randomUUID()}/follow`, { method: "POST", as: reader })).status).toBe(404);
    });
  });
});
