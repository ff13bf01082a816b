import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { favorites, follows, likes, outboxEvents, posts, userStats } from "../../db/schema";
import { favoritePost, followUser, likePost, unfavoritePost, unfollowUser, unlikePost } from "../../server/content";
import type { CurrentUser } from "../../server/identity";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createTestUser } from "../factories/users";
import { createNote } from "./feeds-fixtures";

describe("engagement counters under concurrency", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let author: CurrentUser;
  let crowd: CurrentUser[];

  beforeAll(async () => {
    // A real pool, so the requests below truly run in parallel transactions.
    db = await createTestDatabase({ poolSize: 20 });
    ctx = createTestContext(db.handle.db);
    author = (await createTestUser(db.handle.db)).user;
    crowd = [];
    for (let i = 0; i < 200; i++) crowd.push((await createTestUser(db.handle.db)).user);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const counted = async (postId: string) => {
    const [post] = await db.handle.db.select().from(posts).where(eq(posts.id, postId));
    const [likeRows] = await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(likes).where(eq(likes.postId, postId));
    const [favRows] = await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(favorites).where(eq(favorites.postId, postId));
    return { likeCount: post!.likeCount, likeRows: likeRows!.n, favoriteCount: post!.favoriteCount, favoriteRows: favRows!.n };
  };
  const statsOf = async (userId: string) => {
    const [row] = await db.handle.db.select().from(userStats).where(eq(userStats.userId, userId));
    return row ?? { followerCount: 0, followingCount: 0, likesReceived: 0, favoritesReceived: 0 };
  };
  const eventsOf = async (type: string, postId: string) => {
    const [row] = await db.handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, type), sql`${outboxEvents.payload}->>'postId' = ${postId}`));
    return row!.n;
  };

  it("counts 200 members liking one note at the same moment as exactly 200 likes", async () => {
    const note = await createNote(db.handle.db, author.id);
    const results = await Promise.all(crowd.map((u) => likePost(ctx, u, note.id)));
    expect(results.every((r) => r.liked)).toBe(true);
    expect(Math.max(...results.map((r) => r.likeCount))).toBe(200);
    expect(await counted(note.id)).toMatchObject({ likeCount: 200, likeRows: 200 });
    expect((await statsOf(author.id)).likesReceived).toBe(200);
    expect(await eventsOf("content.post.liked", note.id)).toBe(200);
  });

  it("counts one member's 50 simultaneous likes as one like and one event", async () => {
    const note = await createNote(db.handle.db, author.id);
    const before = (await statsOf(author.id)).likesReceived;
    const results = await Promise.all(Array.from({ length: 50 }, () => likePost(ctx, crowd[0]!, note.id)));
    expect(results.every((r) => r.liked && r.likeCount === 1)).toBe(true);
    expect(await counted(note.id)).toMatchObject({ likeCount: 1, likeRows: 1 });
    expect((await statsOf(author.id)).likesReceived).toBe(before + 1);
    expect(await eventsOf("content.post.liked", note.id)).toBe(1);
  });

  it("ends a storm of likes, unlikes, favourites and unfavourites with every counter equal to its rows", async () => {
    const note = await createNote(db.handle.db, author.id);
    const other = await createNote(db.handle.db, author.id);
    const actors = crowd.slice(0, 60);
    const ops = actors.flatMap((u, i) =>
      Array.from({ length: 6 }, (_, j) => {
        const target = (i + j) % 3 === 0 ? other.id : note.id;
        const pick = (i * 7 + j * 3) % 4;
        return () =>
          pick === 0
            ? likePost(ctx, u, target)
            : pick === 1
              ? unlikePost(ctx, u, target)
              : pick === 2
                ? favoritePost(ctx, u, target)
                : unfavoritePost(ctx, u, target);
      }),
    );
    await Promise.all(ops.map((op) => op()));
    for (const id of [note.id, other.id]) {
      const c = await counted(id);
      expect(c.likeCount).toBe(c.likeRows);
      expect(c.favoriteCount).toBe(c.favoriteRows);
    }
    const [received] = await db.handle.db
      .select({
        likes: sql<number>`(select count(*)::int from likes l join posts p on p.id = l.post_id where p.author_id = ${author.id})`,
        favorites: sql<number>`(select count(*)::int from favorites f join posts p on p.id = f.post_id where p.author_id = ${author.id})`,
      })
      .from(sql`(select 1) as one`);
    const stats = await statsOf(author.id);
    expect(stats.likesReceived).toBe(received!.likes);
    expect(stats.favoritesReceived).toBe(received!.favorites);
  });

  it("counts 100 members following one creator at once, and mutual follow storms without deadlocks", async () => {
    const creator = (await createTestUser(db.handle.db)).user;
    const fans = crowd.slice(0, 100);
    const results = await Promise.all(fans.map((u) => followUser(ctx, u, creator.id)));
    expect(Math.max(...results.map((r) => r.followerCount))).toBe(100);
    expect((await statsOf(creator.id)).followerCount).toBe(100);

    // Pairs following and unfollowing each other at the same time lock both members' stats rows.
    const pairs = crowd.slice(100, 140);
    const storm = pairs.flatMap((u, i) => {
      const partner = pairs[(i + 1) % pairs.length]!;
      return [
        () => followUser(ctx, u, partner.id),
        () => followUser(ctx, partner, u.id),
        () => (i % 2 === 0 ? unfollowUser(ctx, u, partner.id) : followUser(ctx, u, creator.id)),
        () => followUser(ctx, u, partner.id),
      ];
    });
    await Promise.all(storm.map((op) => op()));

    for (const u of [creator, ...pairs]) {
      const [row] = await db.handle.db
        .select({
          followers: sql<number>`(select count(*)::int from follows where followee_id = ${u.id})`,
          following: sql<number>`(select count(*)::int from follows where follower_id = ${u.id})`,
        })
        .from(sql`(select 1) as one`);
      const stats = await statsOf(u.id);
      expect({ followers: stats.followerCount, following: stats.followingCount }).toEqual(row);
    }
    const [total] = await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(follows).where(eq(follows.followeeId, creator.id));
    expect((await statsOf(creator.id)).followerCount).toBe(total!.n);
  });
});
