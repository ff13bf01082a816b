import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postTopics, posts, topics, users, type Post } from "../../db/schema";
import {
  followUser,
  getFeed,
  hotScore,
  learnInterests,
  likePost,
  postScoresSchedule,
  qualityScore,
  recomputePostScores,
  type FeedInput,
  type FeedTab,
} from "../../server/content";
import type { CurrentUser } from "../../server/identity";
import { deliverNext, fanOutEvents } from "../../server/jobs";
import { schedules } from "../../server/jobs/schedules";
import { consumers } from "../../server/jobs/consumers";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createTestUser } from "../factories/users";
import { createNote, ensureCategory, HIDDEN_STATES } from "./feeds-fixtures";

const HOUR = 60 * 60 * 1000;

describe("feeds: every tab, keyset pagination, visibility, ranking", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let reader: CurrentUser;
  let author: CurrentUser;
  let followee: CurrentUser;
  let suspended: CurrentUser;
  let beauty: string;
  let food: string;
  let topicId: string;
  const hiddenIds: string[] = [];

  const at = (hoursAgo: number) => new Date(ctx.clock.now().getTime() - hoursAgo * HOUR);

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    ctx = createTestContext(db.handle.db);
    reader = (await createTestUser(db.handle.db)).user;
    author = (await createTestUser(db.handle.db)).user;
    followee = (await createTestUser(db.handle.db)).user;
    suspended = (await createTestUser(db.handle.db)).user;
    await db.handle.db.update(users).set({ status: "suspended" }).where(eq(users.id, suspended.id));
    beauty = await ensureCategory(db.handle.db, "beauty", "美妆");
    food = await ensureCategory(db.handle.db, "food", "美食");
    const [topic] = await db.handle.db
      .insert(topics)
      .values({ name: "秋冬护肤", createdAt: at(100) })
      .returning({ id: topics.id });
    topicId = topic!.id;
    await followUser(ctx, reader, followee.id);

    // The notes no feed may show: one in each non-public state, all made as attractive as possible
    // (featured, hot, in the category and topic, by someone the reader follows), and a suspended
    // member's published note.
    for (const status of HIDDEN_STATES) {
      const note = await createNote(db.handle.db, followee.id, {
        status,
        publishedAt: status === "draft" ? null : at(1),
        categoryId: beauty,
        featuredAt: at(1),
        hotScore: 1000,
        title: `不该出现的${status}`,
      });
      hiddenIds.push(note.id);
    }
    const banned = await createNote(db.handle.db, suspended.id, { publishedAt: at(1), categoryId: beauty, featuredAt: at(1), hotScore: 1000 });
    hiddenIds.push(banned.id);
    await db.handle.db.insert(postTopics).values(hiddenIds.map((postId) => ({ postId, topicId })));
  });
  afterAll(async () => {
    await db?.close();
  });

  /** Walks a feed to its end, `between` running before each next page. */
  async function walk(input: FeedInput, viewer: CurrentUser | null, options: { limit?: number; between?: () => Promise<void> } = {}) {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 200; pages++) {
      const page = await getFeed(ctx, { ...input, cursor, limit: options.limit ?? 7 }, viewer);
      ids.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) return ids;
      cursor = page.nextCursor;
      await options.between?.();
    }
    throw new Error("feed did not end");
  }

  const publish = (overrides: Parameters<typeof createNote>[2] = {}) =>
    createNote(db.handle.db, author.id, { publishedAt: at(Math.random() * 48), ...overrides });

  it("shows no draft, held, hidden, removed or deleted note, nor a suspended member's, on any tab for anyone", async () => {
    await publish({ categoryId: beauty, featuredAt: at(2), hotScore: 1 });
    await createNote(db.handle.db, followee.id, { publishedAt: at(3), categoryId: beauty });
    const tabs: FeedInput[] = [
      { tab: "recommended" },
      { tab: "following" },
      { tab: "featured" },
      { tab: "hot" },
      { tab: "latest" },
      { tab: "latest", categorySlug: "beauty" },
      { tab: "hot", topic: "秋冬护肤" },
      { tab: "recommended", categorySlug: "beauty" },
    ];
    for (const input of tabs) {
      for (const viewer of [null, reader]) {
        const ids = await walk(input, viewer);
        expect(ids.filter((id) => hiddenIds.includes(id)), `${input.tab} ${input.categorySlug ?? input.topic ?? ""}`).toEqual([]);
      }
    }
    // A non-empty control, so an always-empty feed could not pass.
    expect((await walk({ tab: "latest", categorySlug: "beauty" }, reader)).length).toBeGreaterThan(0);
    expect((await walk({ tab: "following" }, reader)).length).toBeGreaterThan(0);
  });

  const tabsToWalk: { input: FeedInput; make: (i: number) => Parameters<typeof createNote>[2]; viewer: "reader" | null }[] = [
    { input: { tab: "latest" }, make: () => ({}), viewer: null },
    { input: { tab: "latest", categorySlug: "food" }, make: () => ({ categoryId: food }), viewer: null },
    { input: { tab: "featured" }, make: (i) => ({ featuredAt: at(i % 5) }), viewer: null },
    { input: { tab: "hot" }, make: (i) => ({ hotScore: (i % 4) / 10 }), viewer: null },
    { input: { tab: "recommended" }, make: (i) => ({ categoryId: i % 2 ? food : beauty }), viewer: null },
    { input: { tab: "recommended" }, make: (i) => ({ categoryId: i % 2 ? food : beauty }), viewer: "reader" },
  ];

  for (const { input, make, viewer } of tabsToWalk) {
    const label = `${input.tab}${input.categorySlug ? `/${input.categorySlug}` : ""}${viewer ? " (signed in)" : ""}`;
    it(`pages through ${label} showing every note exactly once while new notes keep arriving`, async () => {
      const fresh = await createTestDatabase();
      const freshCtx = createTestContext(fresh.handle.db, { clock: ctx.clock });
      try {
        const writer = (await createTestUser(fresh.handle.db)).user;
        const me = (await createTestUser(fresh.handle.db)).user;
        const cats = { beauty: await ensureCategory(fresh.handle.db, "beauty"), food: await ensureCategory(fresh.handle.db, "food") };
        const remap = (o: Parameters<typeof createNote>[2]) => ({
          ...o,
          categoryId: o?.categoryId === food ? cats.food : o?.categoryId === beauty ? cats.beauty : o?.categoryId,
        });
        const original: string[] = [];
        // Many notes share a timestamp or score, so ties must be broken by id.
        for (let i = 0; i < 45; i++) {
          const note = await createNote(fresh.handle.db, writer.id, { publishedAt: at(Math.floor(i / 3)), ...remap(make(i)) });
          original.push(note.id);
        }
        const seen: string[] = [];
        let cursor: string | undefined;
        for (;;) {
          const page = await getFeed(freshCtx, { ...input, cursor, limit: 7 }, viewer ? me : null);
          seen.push(...page.items.map((i) => i.id));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
          // Two notes are published between every two page requests.
          for (let j = 0; j < 2; j++) {
            await createNote(fresh.handle.db, writer.id, { publishedAt: freshCtx.clock.now(), ...remap(make(j)) });
          }
        }
        expect(new Set(seen).size, "no note twice").toBe(seen.length);
        expect(seen.filter((id) => original.includes(id)).sort()).toEqual([...original].sort());
      } finally {
        await fresh.close();
      }
    });
  }

  it("walks the recommended feed past its candidate window into the newest-first remainder, each note once", async () => {
    const fresh = await createTestDatabase();
    const freshCtx = createTestContext(fresh.handle.db, { clock: ctx.clock });
    try {
      const writer = (await createTestUser(fresh.handle.db)).user;
      const now = freshCtx.clock.now().getTime();
      const rows = Array.from({ length: 700 }, (_, i) => ({
        authorId: writer.id,
        status: "published" as const,
        title: `笔记 ${i}`,
        publishedAt: new Date(now - i * 37 * 60 * 1000),
        createdAt: new Date(now - i * 37 * 60 * 1000),
        updatedAt: new Date(now - i * 37 * 60 * 1000),
        hotScore: (i * 7919) % 1000 / 1000,
      }));
      const inserted = await fresh.handle.db.insert(posts).values(rows).returning({ id: posts.id });
      const seen: string[] = [];
      let cursor: string | undefined;
      let phase2 = false;
      for (let n = 0; n < 100; n++) {
        const page = await getFeed(freshCtx, { tab: "recommended", cursor, limit: 50 }, null);
        seen.push(...page.items.map((i) => i.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
        phase2 ||= JSON.parse(Buffer.from(cursor, "base64url").toString()).phase === 2;
      }
      expect(phase2).toBe(true);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(inserted.map((r) => r.id).sort());
    } finally {
      await fresh.close();
    }
  });

  it("shows on the following tab only notes by people the reader follows, newest first; nothing for visitors", async () => {
    const mine = [
      await createNote(db.handle.db, followee.id, { publishedAt: at(0.5) }),
      await createNote(db.handle.db, followee.id, { publishedAt: at(0.2) }),
    ];
    await publish({ publishedAt: at(0.1) });
    const ids = await walk({ tab: "following" }, reader);
    const authors = await db.handle.db.select({ id: posts.id, authorId: posts.authorId }).from(posts);
    const authorOf = new Map(authors.map((a) => [a.id, a.authorId]));
    expect(ids.every((id) => authorOf.get(id) === followee.id)).toBe(true);
    expect(ids.slice(0, 2)).toEqual([mine[1]!.id, mine[0]!.id]);
    expect(await walk({ tab: "following" }, null)).toEqual([]);
  });

  it("orders the featured tab by when staff featured each note, latest pick first", async () => {
    const fresh = await createTestDatabase();
    const freshCtx = createTestContext(fresh.handle.db, { clock: ctx.clock });
    try {
      const writer = (await createTestUser(fresh.handle.db)).user;
      const old = await createNote(fresh.handle.db, writer.id, { publishedAt: at(50), featuredAt: at(1) });
      const recent = await createNote(fresh.handle.db, writer.id, { publishedAt: at(2), featuredAt: at(10) });
      const middle = await createNote(fresh.handle.db, writer.id, { publishedAt: at(30), featuredAt: at(5) });
      await createNote(fresh.handle.db, writer.id, { publishedAt: at(0) });
      const page = await getFeed(freshCtx, { tab: "featured" }, null);
      expect(page.items.map((i) => i.id)).toEqual([old.id, middle.id, recent.id]);
    } finally {
      await fresh.close();
    }
  });

  it("orders the hot tab by engagement with time decay once the score job has run", async () => {
    const fresh = await createTestDatabase();
    const freshCtx = createTestContext(fresh.handle.db, { clock: ctx.clock });
    try {
      const writer = (await createTestUser(fresh.handle.db)).user;
      const specs: { hours: number; likes: number; favorites: number; comments: number; stale?: number }[] = [
        { hours: 1, likes: 0, favorites: 0, comments: 0 },
        { hours: 3, likes: 40, favorites: 5, comments: 2 },
        { hours: 48, likes: 400, favorites: 20, comments: 10 },
        { hours: 10, likes: 10, favorites: 10, comments: 10 },
        // Older than the job's window, but still ranked from earlier runs: it keeps decaying.
        { hours: 600, likes: 5000, favorites: 0, comments: 0, stale: 5 },
        // Older and never ranked: the job leaves it alone.
        { hours: 700, likes: 1, favorites: 0, comments: 0, stale: 0 },
      ];
      const notes: { post: Post; expected: number; quality: number }[] = [];
      for (const s of specs) {
        const post = await createNote(fresh.handle.db, writer.id, { publishedAt: at(s.hours), hotScore: s.stale ?? 0 });
        await fresh.handle.db
          .update(posts)
          .set({ likeCount: s.likes, favoriteCount: s.favorites, commentCount: s.comments })
          .where(eq(posts.id, post.id));
        const engagement = { likes: s.likes, favorites: s.favorites, comments: s.comments, shares: 0 };
        notes.push({
          post,
          expected: s.stale === 0 ? 0 : hotScore(engagement, s.hours),
          quality: s.stale === 0 ? 0 : qualityScore({ mediaCount: 0, isVideo: false, bodyLength: Array.from(post.body).length, ...engagement }),
        });
      }
      // Before the job every score is 0: the order is arbitrary (by id).
      const { updated } = await recomputePostScores(fresh.handle.db, freshCtx.clock.now());
      expect(updated).toBe(specs.length - 1);
      const page = await getFeed(freshCtx, { tab: "hot" }, null);
      const expectedOrder = [...notes].sort((a, b) => b.expected - a.expected).map((n) => n.post.id);
      expect(page.items.map((i) => i.id)).toEqual(expectedOrder);
      const stored = await fresh.handle.db.select({ id: posts.id, hot: posts.hotScore, quality: posts.qualityScore }).from(posts);
      for (const n of notes) {
        const row = stored.find((r) => r.id === n.post.id)!;
        expect(row.hot).toBeCloseTo(n.expected, 9);
        expect(row.quality).toBeCloseTo(n.quality, 9);
      }
      expect(schedules).toContain(postScoresSchedule);
      expect(postScoresSchedule.every).toBe("10m");
    } finally {
      await fresh.close();
    }
  });

  it("puts the reader's liked categories and followed authors first on the recommended tab", async () => {
    const fresh = await createTestDatabase({ poolSize: 5 });
    const freshCtx = createTestContext(fresh.handle.db, { clock: ctx.clock });
    try {
      const [me, writer, friend] = await Promise.all([1, 2, 3].map(async () => (await createTestUser(fresh.handle.db)).user));
      const cats = { beauty: await ensureCategory(fresh.handle.db, "beauty"), food: await ensureCategory(fresh.handle.db, "food") };
      // Identical notes but for their category and author, published at the same moment.
      const same = { publishedAt: at(5), hotScore: 0.1 };
      const foodNotes = await Promise.all([0, 1, 2].map(() => createNote(fresh.handle.db, writer!.id, { ...same, categoryId: cats.food })));
      const beautyNotes = await Promise.all([0, 1, 2].map(() => createNote(fresh.handle.db, writer!.id, { ...same, categoryId: cats.beauty })));
      const friendNote = await createNote(fresh.handle.db, friend!.id, { ...same, categoryId: null });

      const visitorOrder = (await getFeed(freshCtx, { tab: "recommended" }, null)).items.map((i) => i.id);
      expect(visitorOrder).toHaveLength(7);

      // The reader likes a food note; the interests consumer learns from the event.
      const elsewhere = await createNote(fresh.handle.db, writer!.id, { publishedAt: at(200), categoryId: cats.food });
      await likePost(freshCtx, me!, elsewhere.id);
      await fanOutEvents({ db: fresh.handle.db, consumers: [learnInterests], clock: freshCtx.clock, limit: 100 });
      for (;;) {
        const outcome = await deliverNext({
          db: fresh.handle.db,
          consumers: new Map([[learnInterests.name, learnInterests]]),
          context: { clock: freshCtx.clock, logger: freshCtx.logger, realtime: freshCtx.realtime, config: freshCtx.config },
          maxAttempts: 3,
          logger: freshCtx.logger,
        });
        if (outcome.kind === "idle") break;
        expect(outcome.kind).toBe("delivered");
      }
      const interests = await fresh.handle.db.execute(sql`select category_id, score from user_interests where user_id = ${me!.id}`);
      expect(JSON.stringify(interests)).toContain(cats.food);

      let order = (await getFeed(freshCtx, { tab: "recommended" }, me!)).items.map((i) => i.id);
      expect(order.slice(0, 3).sort()).toEqual(foodNotes.map((n) => n.id).sort());

      // Following the friend lifts their note (×1.5) above the other category, below the liked one (×2).
      await followUser(freshCtx, me!, friend!.id);
      order = (await getFeed(freshCtx, { tab: "recommended" }, me!)).items.map((i) => i.id);
      expect(order.slice(0, 3).sort()).toEqual(foodNotes.map((n) => n.id).sort());
      expect(order[3]).toBe(friendNote.id);
      expect(order.slice(4, 7).sort()).toEqual(beautyNotes.map((n) => n.id).sort());
      expect(consumers).toContain(learnInterests);
    } finally {
      await fresh.close();
    }
  });

  it("refuses a damaged cursor, or one from another tab, with 422 on the cursor field", async () => {
    const other = await getFeed(ctx, { tab: "latest", limit: 1 }, null);
    expect(other.nextCursor).toBeTruthy();
    const attempts: [FeedTab, string][] = [
      ["latest", "not a cursor"],
      ["latest", "eyJ0YWIiOiJsYXRlc3QifQ"],
      ["hot", other.nextCursor!],
      ["recommended", other.nextCursor!],
      ["featured", Buffer.from(JSON.stringify({ tab: "featured", t: "yesterday", id: "x" })).toString("base64url")],
      ["following", other.nextCursor!],
    ];
    for (const [tab, cursor] of attempts) {
      await expect(getFeed(ctx, { tab, cursor }, reader), `${tab} ${cursor.slice(0, 10)}`).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
        fields: { cursor: expect.any(Array) },
      });
    }
    await expect(getFeed(ctx, { tab: "latest", categorySlug: "no-such-vertical" }, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getFeed(ctx, { tab: "latest", topic: "没人用过的话题" }, null)).items).toEqual([]);
  });
});
