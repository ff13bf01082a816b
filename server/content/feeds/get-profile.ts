import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import { can } from "../../identity";
import { avatarUrlOf } from "../../media";
import { AppError } from "../../shared/errors";
import type { UserSummary, Viewer } from "../views";
import { rowsOf } from "../../shared/sql-rows";

export type Profile = {
  user: UserSummary & { bio: string; createdAt: string };
  stats: { followers: number; following: number; posts: number; likesAndFavoritesReceived: number };
  followedByMe: boolean;
  isMe: boolean;
};

/**
 * A member's profile header by handle (case-insensitive): who they are and their counters, read from
 * user_stats (kept in step with follows, likes and favourites), plus their published notes, counted
 * over posts_author_idx. A suspended member's profile is NOT_FOUND except to staff.
 */
export async function getProfile(ctx: Pick<AppContext, "db">, handle: string, viewer: Viewer): Promise<Profile> {
  if (!/^[A-Za-z0-9_]{1,40}$/.test(handle)) throw new AppError("NOT_FOUND", "notFound");
  const [row] = rowsOf<{
    id: string;
    handle: string;
    display_name: string;
    avatar_key: string | null;
    bio: string;
    created_at: Date | string;
    status: string;
    followers: number;
    following: number;
    received: number;
    posts: number;
    followed: boolean;
  }>(
    await ctx.db.execute(sql`
      select u.id, u.handle, u.display_name, u.avatar_key, u.bio, u.created_at, u.status,
        coalesce(s.follower_count, 0) as followers, coalesce(s.following_count, 0) as following,
        coalesce(s.likes_received, 0) + coalesce(s.favorites_received, 0) as received,
        (select count(*)::int from posts p where p.author_id = u.id and p.status = 'published') as posts,
        ${viewer ? sql`exists (select 1 from follows f where f.follower_id = ${viewer.id} and f.followee_id = u.id)` : sql`false`} as followed
      from users u left join user_stats s on s.user_id = u.id
      where lower(u.handle) = lower(${handle})`),
  );
  if (!row || (row.status !== "active" && !can(viewer, "suspend:user:any"))) throw new AppError("NOT_FOUND", "notFound");
  return {
    user: {
      id: row.id,
      handle: row.handle,
      displayName: row.display_name,
      avatarUrl: avatarUrlOf(row.avatar_key),
      bio: row.bio,
      createdAt: new Date(row.created_at).toISOString(),
    },
    stats: {
      followers: Number(row.followers),
      following: Number(row.following),
      posts: Number(row.posts),
      likesAndFavoritesReceived: Number(row.received),
    },
    followedByMe: Boolean(row.followed),
    isMe: viewer?.id === row.id,
  };
}
