import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { rowsOf } from "../../shared/sql-rows";
import { listCandidatesQuerySchema, type CandidateView, type ListCandidatesQuery } from "./schemas";

export const RECRUIT_PERMISSION = "read:creatorCandidates:any" as const;
const DAY = 86_400_000;

/**
 * Members worth inviting, best first. The score weighs what a creator needs: engagement their notes
 * received in the last 30 days (likes + favourites + 2× comments, since a comment takes more than a tap),
 * growth (followers gained in 30 days, ×3), and, when a category is chosen, fit (the share of their
 * published notes in it, which multiplies the score by 1 + 2 × fit and drops members with no note there).
 * Creators, staff, admins and suspended accounts are never candidates.
 */
export async function listCreatorCandidates(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null, query: ListCandidatesQuery = {}): Promise<CandidateView[]> {
  requirePermission(staff, RECRUIT_PERMISSION);
  const q = parseInput(listCandidatesQuerySchema, query);
  const since = new Date(ctx.clock.now().getTime() - 30 * DAY).toISOString();
  const category = q.category ?? null;
  const rows = rowsOf<{
    id: string; handle: string; display_name: string; followers: number; engagement: number; new_followers: number; notes30: number; fit: number; score: number; invitation: string | null;
  }>(
    await ctx.db.execute(sql`
      with cat as (select id from categories where slug = ${category}),
      base as (
        select u.id, u.handle, u.display_name,
          coalesce(us.follower_count, 0) as followers,
          (select count(*) from likes l join posts p on p.id = l.post_id where p.author_id = u.id and l.created_at >= ${since}::timestamptz and l.user_id <> u.id)
          + (select count(*) from favorites f join posts p on p.id = f.post_id where p.author_id = u.id and f.created_at >= ${since}::timestamptz and f.user_id <> u.id)
          + 2 * (select count(*) from comments c join posts p on p.id = c.post_id where p.author_id = u.id and c.created_at >= ${since}::timestamptz and c.author_id <> u.id) as engagement,
          (select count(*) from follows fo where fo.followee_id = u.id and fo.created_at >= ${since}::timestamptz) as new_followers,
          (select count(*) from posts p where p.author_id = u.id and p.status = 'published' and p.deleted_at is null and p.published_at >= ${since}::timestamptz) as notes30,
          case when ${category}::text is null then 0 else coalesce(
            (select count(*) filter (where p.category_id = (select id from cat))::float / nullif(count(*), 0)
             from posts p where p.author_id = u.id and p.status = 'published' and p.deleted_at is null), 0) end as fit,
          ci.status as invitation
        from users u
        left join user_stats us on us.user_id = u.id
        left join creator_invitations ci on ci.user_id = u.id
        where u.status = 'active'
          and not exists (select 1 from user_roles r where r.user_id = u.id and r.role in ('creator', 'staff', 'admin'))
      )
      select *, ((engagement + 3 * new_followers) * (1 + 2 * fit))::float as score from base
      where (${category}::text is null or fit > 0) and (engagement + new_followers + notes30) > 0
      order by score desc, followers desc, id
      limit ${q.limit ?? 30}`),
  );
  return rows.map((r) => ({
    user: { id: r.id, handle: r.handle, displayName: r.display_name },
    followers: Number(r.followers),
    engagement30d: Number(r.engagement),
    newFollowers30d: Number(r.new_followers),
    notes30d: Number(r.notes30),
    categoryFit: Math.round(Number(r.fit) * 100) / 100,
    score: Math.round(Number(r.score) * 100) / 100,
    invitation: (r.invitation as CandidateView["invitation"]) ?? null,
  }));
}
