import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { zonedInstant } from "../../shared/clock";

/**
 * A run of platform-local days as the instants that bound it: `start` is 00:00 of the first day, `end`
 * 00:00 of the day after the last (half-open), both ISO text. Activity is selected by these bounds —
 * `created_at >= start and created_at < end` — so each table's time index can serve the range; a
 * computed `(created_at at time zone …)::date = day` would make PostgreSQL read every row to compute it.
 * ISO text with `::timestamptz` rather than a Date: the postgres driver refuses a Date in a raw template.
 */
export interface DayRange {
  firstDay: string;
  lastDay: string;
  start: string;
  end: string;
}

export function dayRange(firstDay: string, lastDay: string, timeZone: string): DayRange {
  return { firstDay, lastDay, start: zonedInstant(firstDay, 0, 0, timeZone).toISOString(), end: zonedInstant(shiftDay(lastDay, 1), 0, 0, timeZone).toISOString() };
}

/** The calendar date `by` days after `day` (YYYY-MM-DD; negative goes back). */
export function shiftDay(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
}

/**
 * What the dashboard calls an active member (DAU/MAU): someone who *did* something that day — published
 * a note, liked, favourited or commented, checked in, joined a challenge or placed an order. Merely
 * having a session open is not activity (sessions stay alive for weeks), so it is not counted.
 * Rows are (user_id, day) within `range`; days are platform-local dates (config.platformTimeZone). A
 * check-in carries its own local date (a make-up card's differs from when it was written), so that
 * branch is bounded by the date itself.
 */
export function activitySql(tz: string, range: DayRange) {
  const s = sql`${range.start}::timestamptz`;
  const e = sql`${range.end}::timestamptz`;
  return sql`(
    select author_id as user_id, (published_at at time zone ${tz})::date as day from posts where published_at >= ${s} and published_at < ${e}
    union all select user_id, (created_at at time zone ${tz})::date from likes where created_at >= ${s} and created_at < ${e}
    union all select user_id, (created_at at time zone ${tz})::date from favorites where created_at >= ${s} and created_at < ${e}
    union all select author_id, (created_at at time zone ${tz})::date from comments where created_at >= ${s} and created_at < ${e}
    union all select user_id, local_date from checkins where local_date between ${range.firstDay}::date and ${range.lastDay}::date
    union all select user_id, (joined_at at time zone ${tz})::date from challenge_participants where joined_at >= ${s} and joined_at < ${e}
    union all select buyer_id, (created_at at time zone ${tz})::date from orders where buyer_id is not null and created_at >= ${s} and created_at < ${e}
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
export const CREATOR_KEYS = ["creator_gmv_cents", "creator_orders", "creator_commission_cents", "creator_new_buyers", "creator_clicks"] as const;
export type CreatorKey = (typeof CREATOR_KEYS)[number];

/**
 * Recomputes every metric of one platform-local day (YYYY-MM-DD) and replaces that day's rows, in one
 * transaction, so a re-run (the hourly schedule, a backfill) never doubles anything. Each statement
 * reads one day's half-open instant range (see DayRange); MAU reads the 30 days ending that day.
 * Orders count once paid (pending and cancelled ones never were sales); GMV is net of refunds so far.
 *
 * Per creator: GMV, orders and new buyers from the orders attributed to them (so the creators' GMV adds
 * up to the platform's link GMV), counted clicks on their links, and their commission — the creator's
 * own share net of what refunds took back from it (the platform's `commission_cents` is the whole
 * cost, MCN shares included; an MCN-signed creator's share is what they keep).
 */
export async function computeDailyMetrics(db: Queryable, day: string, timeZone: string, now: Date): Promise<void> {
  const tz = timeZone;
  const today = dayRange(day, day, tz);
  const month = dayRange(shiftDay(day, -29), day, tz);
  const start = sql`${today.start}::timestamptz`;
  const end = sql`${today.end}::timestamptz`;
  const at = now.toISOString();
  await db.execute(sql`delete from metrics_daily where day = ${day}::date`);
  await db.execute(sql`
    insert into metrics_daily (day, key, dimension, value, computed_at)
    select ${day}::date, k, '', coalesce(v, 0), ${at}::timestamptz from (
      select 'dau' as k, (select count(distinct user_id) from ${activitySql(tz, today)} a) as v
      union all select 'mau', (select count(distinct user_id) from ${activitySql(tz, month)} a)
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
      union all select c.creator_id, 'creator_commission_cents', sum(c.amount_cents + coalesce(r.back, 0)) from commissions c
        left join lateral (select sum(e.amount_cents) as back from commission_events e
          where e.commission_id = c.id and e.reason in ('reversed_full', 'reversed_partial', 'clawed_back')) r on true
        where c.created_at >= ${start} and c.created_at < ${end} group by c.creator_id
      union all select o.creator_id, 'creator_new_buyers', count(distinct o.buyer_id) from orders o
        where o.creator_id is not null and o.buyer_id is not null and o.paid_at >= ${start} and o.paid_at < ${end}
          and not exists (select 1 from orders p where p.creator_id = o.creator_id and p.buyer_id = o.buyer_id and p.paid_at < ${start})
        group by o.creator_id
      union all select l.creator_id, 'creator_clicks', count(*) from link_clicks k join distribution_links l on l.id = k.link_id
        where k.at >= ${start} and k.at < ${end} and k.counted group by l.creator_id
    ) m`);
}

/** Every day from `from` to `to` inclusive (YYYY-MM-DD), for backfills. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = shiftDay(d, 1)) out.push(d);
  return out;
}

/** Recomputes a range of days (the seed's history, or after a correction). */
export async function backfillMetrics(db: Queryable, from: string, to: string, timeZone: string, now: Date): Promise<number> {
  const days = daysBetween(from, to);
  for (const day of days) await computeDailyMetrics(db, day, timeZone, now);
  return days.length;
}
