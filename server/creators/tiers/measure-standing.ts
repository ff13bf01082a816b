import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { rowsOf } from "../../shared/sql-rows";
import { fanGroupSize } from "../fan-groups/views";
import type { TierStats } from "./rules";

const DAY = 86_400_000;

/**
 * A creator's standing at `now`: followers; likes, favourites and comments their published notes received
 * in the last 30 days (their own don't count); their fan group's size (as the fan-group area counts it); and the GMV, net of refunds, of orders paid in the last 30 days through their links.
 */
export async function measureStanding(db: Queryable, userId: string, now: Date): Promise<TierStats> {
  const since = new Date(now.getTime() - 30 * DAY);
  const [row] = rowsOf<{ followers: number | null; likes: string; favs: string; comments: string; gmv: string | null }>(
    await db.execute(sql`
      select
        (select follower_count from user_stats where user_id = ${userId}) as followers,
        (select count(*) from likes l join posts p on p.id = l.post_id
          where p.author_id = ${userId} and l.user_id <> ${userId} and l.created_at > ${since.toISOString()}::timestamptz and l.created_at <= ${now.toISOString()}::timestamptz) as likes,
        (select count(*) from favorites f join posts p on p.id = f.post_id
          where p.author_id = ${userId} and f.user_id <> ${userId} and f.created_at > ${since.toISOString()}::timestamptz and f.created_at <= ${now.toISOString()}::timestamptz) as favs,
        (select count(*) from comments c join posts p on p.id = c.post_id
          where p.author_id = ${userId} and c.author_id <> ${userId} and c.status = 'visible' and c.created_at > ${since.toISOString()}::timestamptz and c.created_at <= ${now.toISOString()}::timestamptz) as comments,
        (select sum(total_cents - refunded_cents) from orders
          where creator_id = ${userId} and paid_at > ${since.toISOString()}::timestamptz and paid_at <= ${now.toISOString()}::timestamptz and status in ('paid', 'confirmed', 'partially_refunded', 'refunded')) as gmv`),
  );
  return {
    followers: Number(row?.followers ?? 0),
    engagement30d: Number(row?.likes ?? 0) + Number(row?.favs ?? 0) + Number(row?.comments ?? 0),
    fanGroupSize: await fanGroupSize(db, userId),
    gmv30dCents: Number(row?.gmv ?? 0),
  };
}
