import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { posts, users } from "../../db/schema";
import { getFeed } from "../../server/content";
import { FixedClock } from "../../server/shared/clock";
import { createTestContext, testConfig } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createTestUser } from "../factories/users";
import { createNote } from "./feeds-fixtures";

/**
 * 推荐 reuses a reader's ranked window for feedCacheSeconds. Reuse must never change what a reader
 * gets from a cursor walk, and a new note must appear once the window has expired.
 */
describe("the recommended feed's ranked-window cache", () => {
  let db: TestDatabase;
  let writerId: string;
  const clock = new FixedClock("2026-11-23T02:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase();
    writerId = (await createTestUser(db.handle.db)).user.id;
    const now = clock.now().getTime();
    await db.handle.db.insert(posts).values(
      Array.from({ length: 700 }, (_, i) => ({
        authorId: writerId,
        status: "published" as const,
        title: `笔记 ${i}`,
        publishedAt: new Date(now - (i + 1) * 23 * 60 * 1000),
        createdAt: new Date(now - (i + 1) * 23 * 60 * 1000),
        updatedAt: new Date(now - (i + 1) * 23 * 60 * 1000),
        hotScore: ((i * 7919) % 1000) / 1000,
      })),
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  async function walk(ctx: ReturnType<typeof createTestContext>, betweenPages: () => void = () => {}) {
    const seen: string[] = [];
    let cursor: string | undefined;
    let phase2 = false;
    for (let n = 0; n < 100; n++) {
      const page = await getFeed(ctx, { tab: "recommended", cursor, limit: 40 }, null);
      seen.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
      phase2 ||= JSON.parse(Buffer.from(cursor, "base64url").toString()).phase === 2;
      betweenPages();
    }
    expect(phase2, "the walk goes past the ranked window").toBe(true);
    return seen;
  }

  it("gives the same pages, in the same order, with the cache as without it", async () => {
    const uncached = createTestContext(db.handle.db, { clock });
    const cached = createTestContext(db.handle.db, { clock, config: testConfig({ FEED_CACHE_SECONDS: "30" }) });
    const plain = await walk(uncached);
    expect(plain).toHaveLength(700);
    expect(await walk(cached)).toEqual(plain);
    expect(cached.cache.size).toBe(2); // the ranking, and the pointer from first pages to it
    // A second walk is served from the cached ranking and is still identical.
    expect(await walk(cached)).toEqual(plain);
    // So is a slow reader's, whose ranking expires between pages and is rebuilt at the cursor's instant.
    const start = clock.now();
    expect(await walk(cached, () => clock.advance(31_000))).toEqual(plain);
    clock.set(start);
  });

  it("keeps a new note out of the first page until the ranking expires, then shows it", async () => {
    const ctx = createTestContext(db.handle.db, { clock, config: testConfig({ FEED_CACHE_SECONDS: "30" }) });
    const first = await getFeed(ctx, { tab: "recommended" }, null);
    clock.advance(1_000);
    const fresh = await createNote(db.handle.db, writerId, { publishedAt: clock.now(), hotScore: 50 });
    const within = await getFeed(ctx, { tab: "recommended" }, null);
    expect(within.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    clock.advance(30_000);
    const after = await getFeed(ctx, { tab: "recommended" }, null);
    expect(after.items[0]?.id).toBe(fresh.id);
    await db.handle.db.execute(sql`delete from posts where id = ${fresh.id}`);
  });

  it("leaves a suspended member's notes and hidden notes out of the pages past the cached window", async () => {
    const ctx = createTestContext(db.handle.db, { clock, config: testConfig({ FEED_CACHE_SECONDS: "30" }) });
    const banned = (await createTestUser(db.handle.db)).user;
    const now = clock.now().getTime();
    // Interleaved with the others' notes all the way down, so the newest-first remainder meets them.
    const theirs = await db.handle.db
      .insert(posts)
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          authorId: banned.id,
          status: "published" as const,
          title: `被封禁 ${i}`,
          publishedAt: new Date(now - (i * 11 + 5) * 23 * 60 * 1000),
          createdAt: new Date(now - (i * 11 + 5) * 23 * 60 * 1000),
          updatedAt: new Date(now - (i * 11 + 5) * 23 * 60 * 1000),
        })),
      )
      .returning({ id: posts.id });
    const hidden = await createNote(db.handle.db, writerId, { publishedAt: new Date(now - 400 * 23 * 60 * 1000), status: "hidden" });
    await db.handle.db.update(users).set({ status: "suspended" }).where(eq(users.id, banned.id));
    try {
      const seen = await walk(ctx);
      expect(seen).toHaveLength(700);
      const excluded = new Set([...theirs.map((p) => p.id), hidden.id]);
      expect(seen.filter((id) => excluded.has(id))).toEqual([]);
    } finally {
      await db.handle.db.execute(sql`delete from posts where author_id = ${banned.id} or id = ${hidden.id}`);
    }
  });
});
