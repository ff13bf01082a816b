import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";

/**
 * What the dashboard calls an active member (DAU/MAU): someone who *did* something that day — published
 * a note, liked, favourited or commented, checked in, joined a challenge or placed an order. Merely
 * having a session open is not activity (sessions stay alive for weeks), so it is not counted.
 * Days are platform-local dates (config.platformTimeZone).
 */
export function activitySql(tz: string) {
  return sql`(
    select author_id as user_id, (published_at at time zone ${tz})::date as day from posts where published_at is not null
    union all select user_id, (created_at at time zone ${tz})::date from likes
    union all select user_id, (created_at at time zone ${tz})::date from favorites
    union all select author_id, (created_at at time zone ${tz})::date from comments
    union all select user_id, local_date from checkins
    union all select user_id, (joined_at at time zone ${tz})::date from challenge_participants
    union all select buyer_id, (created_at at time zone ${tz})::date from orders where buyer_id is not null
  )`;
}

/** The platform-wide keys, with dimension ''. Per-creator keys use the creator's id as dimension. */
export const PLATFORM_KEYS = [
  "dau",
  "mau",
  "new_members",
  "notes",
  "checkins",
  "challenge_joins",
  "link_clicks",
  "link_orders",
  "link_gmv_cents",
  "commission_cents",
] as const;
export type PlatformKey = (typeof PLATFORM_KEYS)[number];
export const CREATOR_KEYS = ["creator_gmv_cents", "creator_orders", "creator_commission_cents", "creator_new_buyers"] as const;
export type CreatorKey = (typeof CREATOR_KEYS)[number];

/**
 * Recomputes every metric of one platform-local day (YYYY-MM-DD) and replaces that day's rows, in one
 * transaction, so a re-run (the hourly schedule, a backfill) never doubles anything. Each statement
 * reads one day's range through the tables' time indexes; MAU reads the 30 days ending that day.
 * Orders count once paid (pending and cancelled ones never were sales); GMV is net of refunds so far.
 */
export async function computeDailyMetrics(db: Queryable, day: string, timeZone: string, now: Date): Promise<void> {
  const tz = timeZone;
  const start = sql`(${day}::date::timestamp at time zone ${tz})`;
  const end = sql`((${day}::date + 1)::timestamp at time zone ${tz})`;
  const at = now.toISOString();
  await db.execute(sql`delete from metrics_daily where day = ${day}::date`);
  await db.execute(sql`
    insert into metrics_daily (day, key, dimension, value, computed_at)
    select ${day}::date, k, '', coalesce(v, 0), ${at}::timestamptz from (
      select 'dau' as k, (select count(distinct user_id) from ${activitySql(tz)} a where a.day = ${day}::date) as v
      union all select 'mau', (select count(distinct user_id) from ${activitySql(tz)} a where a.day between ${day}::date - 29 and ${day}::date)
      union all select 'new_members', (select count(*) from users where created_at >= ${start} and created_at < ${end})
      union all select 'notes', (select count(*) from posts where published_at >= ${start} and published_at < ${end} and status in ('published', 'hidden', 'held'))
      union all select 'checkins', (select count(*) from checkins where local_date = ${day}::date)
      union all select 'challenge_joins', (select count(*) from challenge_participants where joined_at >= ${start} and joined_at < ${end})
      union all select 'link_clicks', (select count(*) from link_clicks where at >= ${start} and at < ${end} and counted)
      union all select 'link_orders', (select count(*) from orders where link_id is not null and paid_at >= ${start} and paid_at < ${end})
      union all select 'link_gmv_cents', (select sum(total_cents - refunded_cents) from orders where link_id is not null and paid_at >= ${start} and paid_at < ${end})
      union all select 'commission_cents', (select sum(amount_cents + mcn_share_cents - reversed_cents) from commissions where created_at >= ${start} and created_at < ${end})
    ) m`);
  await db.execute(sql`
    insert into metrics_daily (day, key, dimension, value, computed_at)
    select ${day}::date, k, creator_id::text, v, ${at}::timestamptz from (
      select creator_id, 'creator_gmv_cents' as k, sum(total_cents - refunded_cents) as v from orders
        where creator_id is not null and paid_at >= ${start} and paid_at < ${end} group by creator_id
      union all select creator_id, 'creator_orders', count(*) from orders
        where creator_id is not null and paid_at >= ${start} and paid_at < ${end} group by creator_id
      union all select creator_id, 'creator_commission_cents', sum(amount_cents + mcn_share_cents - reversed_cents) from commissions
        where created_at >= ${start} and created_at < ${end} group by creator_id
      union all select o.creator_id, 'creator_new_buyers', count(distinct o.buyer_id) from orders o
        where o.creator_id is not null and o.buyer_id is not null and o.paid_at >= ${start} and o.paid_at < ${end}
          and not exists (select 1 from orders p where p.creator_id = o.creator_id and p.buyer_id = o.buyer_id and p.paid_at < ${start})
        group by o.creator_id
    ) m`);
}

/** Every day from `from` to `to` inclusive (YYYY-MM-DD), for backfills. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d = new Date(d.getTime() + 86_400_000)) out.push(d.toISOString().slice(0, 10));
  return out;
}

/** Recomputes a range of days (the seed's history, or after a correction). */
export async function backfillMetrics(db: Queryable, from: string, to: string, timeZone: string, now: Date): Promise<number> {
  const days = daysBetween(from, to);
  for (const day of days) await computeDailyMetrics(db, day, timeZone, now);
  return days.length;
}
