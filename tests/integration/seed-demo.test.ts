import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_HELD_KEYWORD, DEMO_NOTE_COUNT, generateNote, SeededRandom } from "../../db/seed/content";
import { DEMO_HANDLES, seedDemoOnce } from "../../db/seed/demo";
import { createLocalStorageSync, type Storage } from "../../server/storage";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createDemoDatabase, DEMO_DATABASE_TIMEOUT_MS, inDemoSeedSlot, type DemoDatabase } from "../setup/demo";

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

describe("demo community on first start", () => {
  let db: DemoDatabase;
  let storage: Storage;

  const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db.handle.db.execute(q));
  const count = async (table: string) =>
    Number((await query<{ n: string }>(sql`select count(*) as n from ${sql.raw(table)}`))[0]!.n);

  beforeAll(async () => {
    db = await createDemoDatabase();
    storage = createLocalStorageSync(db.mediaDir);
  }, DEMO_DATABASE_TIMEOUT_MS);

  afterAll(async () => {
    await db?.close();
  });

  it("has at least 40 members besides the demo accounts, each with a name, a bio and an avatar", async () => {
    const members = await query<{ handle: string; display_name: string; bio: string; avatar_key: string | null }>(
      sql`select handle, display_name, bio, avatar_key from users where lower(handle) not in ${DEMO_HANDLES.map((h) => h.toLowerCase())}`,
    );
    expect(members.length).toBeGreaterThanOrEqual(40);
    for (const m of members) {
      expect(m.display_name, m.handle).toMatch(/\p{Script=Han}/u);
      expect(m.bio, m.handle).not.toBe("");
      expect(m.avatar_key, m.handle).toMatch(/^u\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/medium\.webp$/);
      expect(await storage.head(m.avatar_key!), m.handle).not.toBeNull();
    }
  });

  it("shows at least 300 published notes in at least 7 categories, titled and written in Chinese", async () => {
    const notes = await query<{ title: string; body: string; slug: string }>(
      sql`select p.title, p.body, c.slug from posts p join categories c on c.id = p.category_id where p.status = 'published'`,
    );
    expect(notes.length).toBeGreaterThanOrEqual(300);
    expect(new Set(notes.map((n) => n.slug)).size).toBeGreaterThanOrEqual(7);
    for (const n of notes) {
      expect(Array.from(n.title).length, n.title).toBeLessThanOrEqual(50);
      expect(Array.from(n.body).length, n.title).toBeGreaterThanOrEqual(80);
      expect(Array.from(n.body).length, n.title).toBeLessThanOrEqual(600);
      expect(n.body, n.title).toMatch(/#\p{Script=Han}+/u);
    }
    const mentions = await count("post_mentions");
    expect(mentions).toBeGreaterThan(0);
    const topics = await query<{ name: string; post_count: number }>(sql`select name, post_count from topics where post_count > 0`);
    expect(topics.length).toBeGreaterThan(20);
  });

  it("spreads notes over the last month", async () => {
    const [span] = await query<{ oldest: string; newest: string; days: string }>(
      sql`select min(published_at) as oldest, max(published_at) as newest,
                 count(distinct date_trunc('day', published_at)) as days
          from posts where status = 'published'`,
    );
    const ageDays = (Date.parse("2026-11-23T02:00:00Z") - new Date(span!.oldest).getTime()) / 86_400_000;
    expect(ageDays).toBeGreaterThan(20);
    expect(ageDays).toBeLessThanOrEqual(31);
    expect(Number(span!.days)).toBeGreaterThan(20);
  });

  it("stores every picture of every note, with its renditions, where the app serves it from", async () => {
    const media = await query<{ key: string; variants: Record<string, { key: string }>; status: string; kind: string; cover: boolean }>(
      sql`select u.key, u.variants, u.status, u.kind, (p.cover_upload_id = u.id) as cover
          from post_media pm join uploads u on u.id = pm.upload_id join posts p on p.id = pm.post_id`,
    );
    expect(media.filter((m) => m.cover).length).toBeGreaterThanOrEqual(DEMO_NOTE_COUNT);
    for (const m of media) {
      expect(m.status).toBe("ready");
      expect(m.kind).toBe("image");
      for (const key of [m.key, m.variants.thumb!.key, m.variants.medium!.key]) {
        expect(await storage.head(key), key).not.toBeNull();
      }
    }
    const withoutCover = await count("posts where status = 'published' and cover_upload_id is null");
    expect(withoutCover).toBe(0);
  });

  it("keeps every counter equal to the rows it counts", async () => {
    const mismatched = await query<{ id: string }>(sql`
      select p.id from posts p
      where p.like_count <> (select count(*) from likes l where l.post_id = p.id)
         or p.favorite_count <> (select count(*) from favorites f where f.post_id = p.id)
         or p.comment_count <> (select count(*) from comments c where c.post_id = p.id and c.status = 'visible')
         or p.share_count <> (select count(*) from shares s where s.post_id = p.id)`);
    expect(mismatched).toEqual([]);

    const threads = await query<{ id: string }>(sql`
      select c.id from comments c
      where c.parent_id is null and c.reply_count <> (select count(*) from comments r where r.parent_id = c.id and r.status = 'visible')`);
    expect(threads).toEqual([]);

    const stats = await query<{ handle: string }>(sql`
      select u.handle from users u left join user_stats s on s.user_id = u.id
      where coalesce(s.follower_count, 0) <> (select count(*) from follows f where f.followee_id = u.id)
         or coalesce(s.following_count, 0) <> (select count(*) from follows f where f.follower_id = u.id)
         or coalesce(s.post_count, 0) <> (select count(*) from posts p where p.author_id = u.id and p.status = 'published')
         or coalesce(s.likes_received, 0) <> (select count(*) from likes l join posts p on p.id = l.post_id where p.author_id = u.id)
         or coalesce(s.favorites_received, 0) <> (select count(*) from favorites f join posts p on p.id = f.post_id where p.author_id = u.id)`);
    expect(stats).toEqual([]);
  });

  it("has a living community: a long tail of likes, favourites, threads with replies and a follow graph", async () => {
    const [likes] = await query<{ total: string; top: number; median: number }>(
      sql`select sum(like_count) as total, max(like_count) as top,
                 percentile_disc(0.5) within group (order by like_count) as median
          from posts where status = 'published'`,
    );
    expect(Number(likes!.total)).toBeGreaterThan(1000);
    expect(likes!.top).toBeGreaterThan(4 * likes!.median);
    expect(await count("favorites")).toBeGreaterThan(200);
    expect(await count("comments where parent_id is null")).toBeGreaterThan(200);
    expect(await count("comments where parent_id is not null")).toBeGreaterThan(30);
    expect(await count("follows")).toBeGreaterThan(200);
    const [creator] = await query<{ follower_count: number }>(
      sql`select s.follower_count from user_stats s join users u on u.id = s.user_id where u.handle = 'creator'`,
    );
    expect(creator!.follower_count).toBeGreaterThan(10);
    // Scored at seed time — every note when it is published, the last 14 days again by the score job's
    // run — so 热门 ranks them before the job first runs on the server.
    expect(await count("posts where status = 'published' and hot_score > 0")).toBe(await count("posts where status = 'published'"));
    expect(await count("posts where hot_score > 0")).toBeGreaterThan(100);
  });

  it("gives staff something to look at: picks, a held note and an open report", async () => {
    expect(await count("posts where featured_at is not null and status = 'published'")).toBeGreaterThanOrEqual(5);
    const held = await query<{ body: string }>(sql`select body from posts where status = 'held'`);
    expect(held).toHaveLength(1);
    expect(held[0]!.body).toContain(DEMO_HELD_KEYWORD);
    expect(await count("reports where status = 'open'")).toBe(1);
    expect(await count("outbox_events where type = 'content.post.liked'")).toBeGreaterThan(1000);
  });

  it("adds nothing when the app starts again", async () => {
    const tables = ["users", "posts", "uploads", "likes", "favorites", "comments", "follows", "reports", "outbox_events"];
    const before = await Promise.all(tables.map(count));
    await seedDemoOnce(createTestContext(db.handle.db, { storage }));
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });
});

/** The one full seed of a run that does not come from the shared template: what only a fresh database shows. */
describe("seeding a fresh database", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  const userCount = async () => Number(rowsOf<{ n: string }>(await db.handle.db.execute(sql`select count(*) as n from users`))[0]!.n);

  it("creates the five demo accounts once, even when two processes seed at the same time", async () => {
    const ctx = createTestContext(db.handle.db);
    await inDemoSeedSlot(() => Promise.all([seedDemoOnce(ctx), seedDemoOnce(createTestContext(db.handle.db))]));
    await seedDemoOnce(ctx);
    expect(await userCount()).toBeGreaterThanOrEqual(DEMO_HANDLES.length);
    const [row] = rowsOf<{ n: string }>(await db.handle.db.execute(sql`select count(*) as n from users where lower(handle) = 'admin'`));
    expect(Number(row!.n)).toBe(1);
  }, DEMO_DATABASE_TIMEOUT_MS);
});

describe("demo note writing", () => {
  it("writes the same notes for the same seed, so every first start looks alike", () => {
    const a = generateNote(new SeededRandom(7), "food", ["taozi_tang"]);
    const b = generateNote(new SeededRandom(7), "food", ["taozi_tang"]);
    const c = generateNote(new SeededRandom(8), "food", ["taozi_tang"]);
    expect(b).toEqual(a);
    expect(c.body).not.toBe(a.body);
  });
});
