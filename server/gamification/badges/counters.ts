import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import type { BadgeCounter } from "./schemas";

/**
 * Counter badges read their numbers from the tables that own them, never from a copy of their own:
 * user_stats (kept in step with posts, likes, favourites and follows by the content context),
 * comments and check-ins. So a badge can't disagree with the number on the profile.
 */

export type CounterValues = Record<BadgeCounter, number>;

/** Every counter of one member, in one round trip. */
export async function counterValues(db: Queryable, userId: string): Promise<CounterValues> {
  const result = await db.execute(sql`
    select coalesce(s.post_count, 0)::int as "posts.published",
           coalesce(s.likes_received, 0)::int as "likes.received",
           coalesce(s.favorites_received, 0)::int as "favorites.received",
           coalesce(s.follower_count, 0)::int as "followers",
           (select count(*) from comments c where c.author_id = ${userId} and c.status = 'visible')::int as "comments.written",
           (select count(*) from checkins k where k.user_id = ${userId})::int as "checkins.total"
      from (select ${userId}::uuid as id) u
      left join user_stats s on s.user_id = u.id`);
  const row = (rowsOf(result)[0] ?? {}) as Record<string, unknown>;
  return {
    "posts.published": Number(row["posts.published"] ?? 0),
    "likes.received": Number(row["likes.received"] ?? 0),
    "favorites.received": Number(row["favorites.received"] ?? 0),
    followers: Number(row.followers ?? 0),
    "comments.written": Number(row["comments.written"] ?? 0),
    "checkins.total": Number(row["checkins.total"] ?? 0),
  };
}

/**
 * The members whose counter has reached `threshold`, as one query (`select user_id …`), for the
 * nightly backfill: a set, not a loop over everyone.
 */
export function membersReaching(counter: BadgeCounter, threshold: number): SQL {
  switch (counter) {
    case "posts.published":
      return sql`select user_id from user_stats where post_count >= ${threshold}`;
    case "likes.received":
      return sql`select user_id from user_stats where likes_received >= ${threshold}`;
    case "favorites.received":
      return sql`select user_id from user_stats where favorites_received >= ${threshold}`;
    case "followers":
      return sql`select user_id from user_stats where follower_count >= ${threshold}`;
    case "comments.written":
      return sql`select author_id as user_id from comments where status = 'visible' group by author_id having count(*) >= ${threshold}`;
    case "checkins.total":
      return sql`select user_id from checkins group by user_id having count(*) >= ${threshold}`;
  }
}

/** Rows of a `db.execute` result, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: unknown[] }).rows ?? []) as Record<string, unknown>[];
}
