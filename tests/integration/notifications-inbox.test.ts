import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { comments, notifications, outboxDeliveries, posts } from "../../db/schema";
import type { CurrentUser } from "../../server/identity";
import { defineConsumer, emitEvent } from "../../server/jobs";
import { createJobRunner } from "../../server/jobs/runner";
import {
  countUnread,
  listNotifications,
  markNotificationsRead,
  notificationConsumers,
  type NotificationView,
} from "../../server/notifications";
import { notifyLikes } from "../../server/notifications/consumers";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/**
 * The inbox as the content events fill it: the outbox runner delivers realistic event payloads to
 * the notification consumers against real PostgreSQL, and the domain functions read the result.
 */
describe("notifications inbox", () => {
  let db: TestDatabase;
  let clock: FixedClock;
  let ctx: ReturnType<typeof createTestContext>;
  let author: CurrentUser;
  let members: CurrentUser[];

  beforeAll(async () => {
    db = await createTestDatabase();
    author = (await createTestUser(db.handle.db, { displayName: "作者小鹿" })).user;
    members = [];
    for (let i = 0; i < 16; i++) members.push((await createTestUser(db.handle.db, { displayName: `小红${i}` })).user);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    clock = new FixedClock("2026-11-23T02:00:00Z");
    ctx = createTestContext(db.handle.db, { clock });
    await db.handle.db.execute(sql`truncate notifications, outbox_events, outbox_deliveries, comments, posts cascade`);
  });

  const runner = (consumers = notificationConsumers) =>
    createJobRunner({
      db: db.handle.db,
      logger: ctx.logger,
      clock,
      consumers,
      context: { config: ctx.config, realtime: ctx.realtime },
    });

  /** Emits one event as the content context would, a second after the previous one. */
  async function emit(type: string, payload: Record<string, unknown>) {
    clock.advance(1_000);
    return db.handle.db.transaction((tx) => emitEvent(tx, { type, payload, occurredAt: clock.now() }));
  }

  async function publishedPost(authorId: string, title = "秋冬必备的保湿面霜") {
    const now = clock.now();
    const [post] = await db.handle.db
      .insert(posts)
      .values({ authorId, title, body: "用了一个月，干皮也不起皮。", status: "published", publishedAt: now, createdAt: now, updatedAt: now })
      .returning();
    return post!;
  }

  const like = (postId: string, userId: string, authorId = author.id) =>
    emit("content.post.liked", { postId, userId, authorId, categoryId: null });

  const inbox = async (user: CurrentUser, options: { limit?: number; cursor?: string } = {}) =>
    listNotifications(ctx, user.id, options);

  const rowsOf = async (userId: string) => db.handle.db.select().from(notifications).where(eq(notifications.userId, userId));

  describe("likes", () => {
    it("folds 13 likes on a note into one row: 13 people, the latest three named first", async () => {
      const post = await publishedPost(author.id);
      for (const member of members.slice(0, 13)) await like(post.id, member.id);
      await runner().drain();

      const page = await inbox(author);
      expect(page.unreadCount).toBe(1);
      expect(page.items).toHaveLength(1);
      const [row] = page.items as [NotificationView];
      expect(row).toMatchObject({ type: "like", actorCount: 13, read: false, subject: { type: "post", id: post.id, title: "秋冬必备的保湿面霜" } });
      expect(row.actors.map((a) => a.displayName)).toEqual(["小红12", "小红11", "小红10"]);
      expect(row.actors[0]).toEqual({ id: members[12]!.id, handle: members[12]!.handle, displayName: "小红12", avatarUrl: null });
      // The row rose with its latest like.
      expect(row.updatedAt).toBe(clock.now().toISOString());
      expect(row.createdAt < row.updatedAt).toBe(true);
    });

    it("counts a member who likes, unlikes and likes again once, and unliking retracts nothing", async () => {
      const post = await publishedPost(author.id);
      await like(post.id, members[0]!.id);
      await emit("content.post.unliked", { postId: post.id, userId: members[0]!.id, authorId: author.id, categoryId: null });
      await like(post.id, members[1]!.id);
      await like(post.id, members[0]!.id);
      await runner().drain();

      const [row] = (await inbox(author)).items;
      expect(row).toMatchObject({ type: "like", actorCount: 2 });
      expect(row!.actors.map((a) => a.id)).toEqual([members[0]!.id, members[1]!.id]);
    });

    it("starts a new row for the next like once the author has read the first", async () => {
      const post = await publishedPost(author.id);
      await like(post.id, members[0]!.id);
      await runner().drain();
      const [first] = (await inbox(author)).items;
      expect(await markNotificationsRead(ctx, author.id, { ids: [first!.id] })).toEqual({ marked: 1, unreadCount: 0 });

      await like(post.id, members[1]!.id);
      await like(post.id, members[2]!.id);
      await runner().drain();
      const page = await inbox(author);
      expect(page.unreadCount).toBe(1);
      expect(page.items.map((n) => [n.read, n.actorCount])).toEqual([
        [false, 2],
        [true, 1],
      ]);
    });

    it("keeps likes on different notes apart", async () => {
      const [a, b] = [await publishedPost(author.id, "笔记一"), await publishedPost(author.id, "笔记二")];
      await like(a.id, members[0]!.id);
      await like(b.id, members[0]!.id);
      await runner().drain();
      expect((await inbox(author)).items.map((n) => n.subject.title)).toEqual(["笔记二", "笔记一"]);
    });

    it("never tells members about their own likes, favourites or follows", async () => {
      const post = await publishedPost(author.id);
      await like(post.id, author.id);
      await emit("content.post.favorited", { postId: post.id, userId: author.id, authorId: author.id, categoryId: null });
      await emit("content.user.followed", { followerId: author.id, followeeId: author.id });
      const result = await runner().drain();
      expect(result.delivered).toBe(3);
      expect(await rowsOf(author.id)).toEqual([]);
      expect(ctx.realtime.sent).toEqual([]);
    });

    it("writes a like exactly once when its delivery fails after writing and is retried", async () => {
      const post = await publishedPost(author.id);
      let failuresLeft = 1;
      // The real consumer, made to fail once after its write, as a crash before commit would.
      const flaky = defineConsumer({
        ...notifyLikes,
        async handle(tx, event, consumerCtx) {
          await notifyLikes.handle(tx, event, consumerCtx);
          if (failuresLeft-- > 0) throw new Error("lost the connection before commit");
        },
      });
      await like(post.id, members[0]!.id);
      const jobs = runner([flaky]);
      expect(await jobs.drain()).toMatchObject({ delivered: 0, retrying: 1 });
      expect(await rowsOf(author.id)).toEqual([]);

      clock.advance(60_000);
      expect(await jobs.drain()).toMatchObject({ delivered: 1 });
      const rows = await rowsOf(author.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorCount: 1, actorIds: [members[0]!.id] });
      const [delivery] = await db.handle.db.select().from(outboxDeliveries);
      expect(delivery).toMatchObject({ status: "delivered", attempts: 2 });
      // Pushes go out after the commit: the rolled-back attempt announced nothing, the retry once.
      const pushes = ctx.realtime.sent.map((s) => (s.payload as { notification: NotificationView }).notification.id);
      expect(pushes).toEqual([rows[0]!.id]);
    });

    it("pushes the row and the unread count to the author's room", async () => {
      const post = await publishedPost(author.id);
      await like(post.id, members[0]!.id);
      await like(post.id, members[1]!.id);
      await runner().drain();
      expect(ctx.realtime.sent).toHaveLength(2);
      const last = ctx.realtime.sent[1]!;
      expect(last).toMatchObject({
        target: `user:${author.id}`,
        event: "notification:created",
        payload: { unreadCount: 1, notification: { type: "like", actorCount: 2, subject: { id: post.id } } },
      });
    });
  });

  describe("favourites and follows", () => {
    it("folds favourites per note and new followers into one row each", async () => {
      const post = await publishedPost(author.id);
      for (const m of members.slice(0, 3)) {
        await emit("content.post.favorited", { postId: post.id, userId: m.id, authorId: author.id, categoryId: null });
      }
      for (const m of members.slice(3, 8)) await emit("content.user.followed", { followerId: m.id, followeeId: author.id });
      await emit("content.user.unfollowed", { followerId: members[3]!.id, followeeId: author.id });
      await runner().drain();

      const page = await inbox(author);
      expect(page.items.map((n) => [n.type, n.actorCount])).toEqual([
        ["follow", 5],
        ["favorite", 3],
      ]);
      expect(page.items[0]!.subject).toEqual({ type: "user", id: author.id });
      expect(page.unreadCount).toBe(2);
    });
  });

  describe("comments, replies and mentions", () => {
    const [commenter, parentAuthor, mentioned] = [0, 1, 2];

    async function comment(payload: {
      postId: string;
      userId: string;
      postAuthorId?: string;
      parentId?: string | null;
      parentAuthorId?: string | null;
      replyToUserId?: string | null;
      mentionedUserIds?: string[];
      excerpt?: string;
    }) {
      const commentId = randomUUID();
      await emit("content.comment.created", {
        commentId,
        postAuthorId: author.id,
        parentId: null,
        parentAuthorId: null,
        replyToUserId: null,
        mentionedUserIds: [],
        excerpt: "好用吗？",
        ...payload,
      });
      return commentId;
    }

    it("tells the note's author of a comment and each @mentioned member once, never the commenter", async () => {
      const post = await publishedPost(author.id);
      const m = members;
      await comment({
        postId: post.id,
        userId: m[commenter]!.id,
        // Mentioned twice, plus the commenter mentioning themself.
        mentionedUserIds: [m[mentioned]!.id, m[mentioned]!.id, m[commenter]!.id],
        excerpt: "@小红2 你上次问的就是这款",
      });
      await runner().drain();

      const [forAuthor] = (await inbox(author)).items;
      expect(forAuthor).toMatchObject({
        type: "comment",
        actorCount: 1,
        subject: { type: "post", id: post.id, title: "秋冬必备的保湿面霜", excerpt: "@小红2 你上次问的就是这款" },
      });
      const forMentioned = (await inbox(m[mentioned]!)).items;
      expect(forMentioned.map((n) => [n.type, n.actors[0]!.id])).toEqual([["mention", m[commenter]!.id]]);
      expect(await rowsOf(m[commenter]!.id)).toEqual([]);
    });

    it("gives a member who is both replied to and @mentioned in one comment a single reply", async () => {
      const post = await publishedPost(author.id);
      const m = members;
      const parentId = randomUUID();
      await comment({
        postId: post.id,
        userId: m[commenter]!.id,
        parentId,
        parentAuthorId: m[parentAuthor]!.id,
        replyToUserId: m[parentAuthor]!.id,
        mentionedUserIds: [m[parentAuthor]!.id, m[mentioned]!.id],
        excerpt: "@小红1 同感！",
      });
      await runner().drain();

      expect((await inbox(m[parentAuthor]!)).items.map((n) => n.type)).toEqual(["reply"]);
      expect((await inbox(m[mentioned]!)).items.map((n) => n.type)).toEqual(["mention"]);
      // The note's author hears of the reply under their note as a comment.
      expect((await inbox(author)).items.map((n) => n.type)).toEqual(["comment"]);
      expect((await inbox(m[parentAuthor]!)).items[0]!.data).toMatchObject({ postId: post.id, parentId, excerpt: "@小红1 同感！" });
    });

    it("notifies both the thread's author and the member a reply answers, and folds replies per thread", async () => {
      const post = await publishedPost(author.id);
      const m = members;
      const parentId = randomUUID();
      await comment({ postId: post.id, userId: m[3]!.id, parentId, parentAuthorId: m[parentAuthor]!.id, replyToUserId: m[4]!.id });
      await comment({ postId: post.id, userId: m[5]!.id, parentId, parentAuthorId: m[parentAuthor]!.id, replyToUserId: null, excerpt: "我也想知道" });
      await runner().drain();

      const [thread] = (await inbox(m[parentAuthor]!)).items;
      expect(thread).toMatchObject({ type: "reply", actorCount: 2, subject: { excerpt: "我也想知道" } });
      expect((await inbox(m[4]!)).items.map((n) => [n.type, n.actorCount])).toEqual([["reply", 1]]);
      const [onNote] = (await inbox(author)).items;
      expect(onNote).toMatchObject({ type: "comment", actorCount: 2 });
    });

    it("tells nobody when authors comment on their own note", async () => {
      const post = await publishedPost(author.id);
      await comment({ postId: post.id, userId: author.id });
      await runner().drain();
      expect(await rowsOf(author.id)).toEqual([]);
    });
  });

  describe("mentions in notes", () => {
    it("tells each member @mentioned in a published note once, not the author", async () => {
      const post = await publishedPost(author.id);
      const [a, b] = [members[0]!, members[1]!];
      await emit("content.post.published", {
        postId: post.id,
        authorId: author.id,
        categoryId: null,
        title: post.title,
        mentionedUserIds: [a.id, b.id, a.id, author.id],
        topicNames: ["护肤"],
      });
      await runner().drain();
      for (const member of [a, b]) {
        expect((await inbox(member)).items).toEqual([
          expect.objectContaining({ type: "mention", actorCount: 1, actors: [expect.objectContaining({ id: author.id })] }),
        ]);
      }
      expect(await rowsOf(author.id)).toEqual([]);
    });
  });

  describe("moderation decisions", () => {
    it("tells the author a note was hidden, with the reason and a way to appeal", async () => {
      const post = await publishedPost(author.id);
      await db.handle.db.update(posts).set({ status: "hidden" }).where(eq(posts.id, post.id));
      const actionId = randomUUID();
      await emit("content.moderation.decided", {
        actionId,
        targetType: "post",
        targetId: post.id,
        authorId: author.id,
        action: "hide",
        reason: "含有未经证实的功效宣传",
      });
      await runner().drain();

      const [row] = (await inbox(author)).items;
      expect(row).toMatchObject({
        type: "moderation",
        actors: [],
        actorCount: 0,
        // The author still sees their hidden note's title.
        subject: { type: "post", id: post.id, title: post.title },
        data: { action: "hide", reason: "含有未经证实的功效宣传", actionId, postId: post.id, appealable: true },
      });

      // The appeal is declined: news of its own, not a rewrite of the first notice.
      await emit("content.moderation.decided", {
        actionId,
        targetType: "post",
        targetId: post.id,
        authorId: author.id,
        action: "uphold",
        reason: "申诉理由不成立",
      });
      await runner().drain();
      expect((await inbox(author)).items.map((n) => [n.data.action, n.data.reason, n.data.appealable])).toEqual([
        ["uphold", "申诉理由不成立", false],
        ["hide", "含有未经证实的功效宣传", true],
      ]);
    });

    it("links a moderated comment to its note, and stays silent about dismissed reports", async () => {
      const post = await publishedPost(members[0]!.id);
      const now = clock.now();
      const [c] = await db.handle.db
        .insert(comments)
        .values({ postId: post.id, authorId: author.id, body: "这是广告吧", status: "removed", createdAt: now, updatedAt: now })
        .returning();
      await emit("content.moderation.decided", {
        actionId: randomUUID(),
        targetType: "comment",
        targetId: c!.id,
        authorId: author.id,
        action: "remove",
        reason: "广告",
      });
      await emit("content.moderation.decided", {
        actionId: randomUUID(),
        targetType: "post",
        targetId: post.id,
        authorId: members[0]!.id,
        action: "dismiss",
        reason: "",
      });
      await runner().drain();

      expect((await inbox(author)).items).toEqual([
        expect.objectContaining({
          type: "moderation",
          subject: { type: "comment", id: c!.id, excerpt: "这是广告吧" },
          data: expect.objectContaining({ postId: post.id, reason: "广告", action: "remove" }),
        }),
      ]);
      expect(await rowsOf(members[0]!.id)).toEqual([]);
    });
  });

  describe("reading the inbox", () => {
    /** One unaggregated notification per note: members mentioned by `count` notes. */
    async function mentionedIn(count: number, member: CurrentUser) {
      for (let i = 0; i < count; i++) {
        const post = await publishedPost(author.id, `笔记 ${i}`);
        await emit("content.post.published", {
          postId: post.id,
          authorId: author.id,
          categoryId: null,
          title: post.title,
          mentionedUserIds: [member.id],
          topicNames: [],
        });
      }
      await runner().drain();
    }

    it("pages through 25 notifications newest first without repeating or skipping one", async () => {
      const reader = members[0]!;
      await mentionedIn(25, reader);
      const seen: string[] = [];
      let cursor: string | undefined;
      const sizes: number[] = [];
      do {
        const page = await inbox(reader, { limit: 10, cursor });
        sizes.push(page.items.length);
        seen.push(...page.items.map((n) => n.subject.title!));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(sizes).toEqual([10, 10, 5]);
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `笔记 ${24 - i}`));
    });

    it("refuses a forged cursor and an out-of-range page size with field messages", async () => {
      await expect(inbox(members[0]!, { cursor: "not-a-cursor" })).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
        fields: { cursor: expect.any(Array) },
      });
      await expect(inbox(members[0]!, { limit: 500 })).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { limit: expect.any(Array) } });
    });

    it("marks only the caller's own notifications read, one by one or all at once", async () => {
      const [reader, other] = [members[0]!, members[1]!];
      await mentionedIn(3, reader);
      await mentionedIn(2, other);
      const others = (await inbox(other)).items.map((n) => n.id);
      const mine = (await inbox(reader)).items.map((n) => n.id);

      // Someone else's ids (and unknown ones) change nothing and reveal nothing.
      expect(await markNotificationsRead(ctx, reader.id, { ids: [...others, randomUUID()] })).toEqual({ marked: 0, unreadCount: 3 });
      expect(await countUnread(ctx, other.id)).toBe(2);

      expect(await markNotificationsRead(ctx, reader.id, { ids: [mine[0]!, mine[0]!] })).toEqual({ marked: 1, unreadCount: 2 });
      expect((await inbox(reader)).items.map((n) => n.read)).toEqual([true, false, false]);
      expect(await markNotificationsRead(ctx, reader.id, { all: true })).toEqual({ marked: 2, unreadCount: 0 });
      expect(await countUnread(ctx, other.id)).toBe(2);
      // Reading again is harmless.
      expect(await markNotificationsRead(ctx, reader.id, { all: true })).toEqual({ marked: 0, unreadCount: 0 });
    });

    it("rejects a mark-read request that names nothing, both targets or malformed ids, changing nothing", async () => {
      const reader = members[0]!;
      await mentionedIn(1, reader);
      const bad: unknown[] = [{}, { ids: [] }, { ids: ["1; drop table notifications"] }, { all: false }, { all: true, ids: [randomUUID()] }];
      for (const input of bad) {
        await expect(markNotificationsRead(ctx, reader.id, input as never)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
      }
      expect(await countUnread(ctx, reader.id)).toBe(1);
    });
  });
});
