import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { localDate } from "../../shared/clock";
import { rowsOf } from "../../shared/sql-rows";
import { activitySql, dayRange, shiftDay } from "./compute-daily";
import { metricsRangeSchema, type CreatorMetrics, type Cohort, type MetricsDay, type MetricsRange, type PlatformMetrics } from "./schemas";

const COHORT_WEEKS = 8;

/**
 * The ops dashboard's numbers for a range of platform-local days (default: the 30 days ending today),
 * read from metrics_daily (filled hourly by the schedule) — a few rows per day, never the activity
 * tables. Retention cohorts are the one live query: the members who signed up in each of the last 8
 * weeks and how many of them were active in each week after, bounded by those members' own rows.
 */
export async function getPlatformMetrics(ctx: Pick<AppContext, "db" | "clock" | "config">, staff: CurrentUser | null, input: MetricsRange = {}): Promise<PlatformMetrics> {
  requirePermission(staff, "read:metrics:any");
  const q = parseInput(metricsRangeSchema, input);
  const tz = ctx.config.platformTimeZone;
  const today = localDate(ctx.clock.now(), tz);
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from = q.from ?? shiftDay(to, -29);
  if (from > to) return parseInput(metricsRangeSchema, { from, to }) as never; // reports the field error

  const rows = rowsOf<{ day: string; key: string; value: number }>(
    await ctx.db.execute(sql`select day::text as day, key, value::float8 as value from metrics_daily
      where dimension = '' and day between ${from}::date and ${to}::date`),
  );
  const byDay = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const d = byDay.get(r.day) ?? {};
    d[r.key] = Number(r.value);
    byDay.set(r.day, d);
  }
  const days: MetricsDay[] = [];
  for (let d = from; d <= to; d = shiftDay(d, 1)) {
    const m = byDay.get(d) ?? {};
    days.push({
      day: d,
      dau: m.dau ?? 0,
      mau: m.mau ?? 0,
      newMembers: m.new_members ?? 0,
      notes: m.notes ?? 0,
      checkins: m.checkins ?? 0,
      challengeJoins: m.challenge_joins ?? 0,
      linkClicks: m.link_clicks ?? 0,
      linkOrders: m.link_orders ?? 0,
      linkGmvCents: m.link_gmv_cents ?? 0,
      commissionCents: m.commission_cents ?? 0,
    });
  }
  const sum = (k: keyof MetricsDay) => days.reduce((s, d) => s + (d[k] as number), 0);
  const linkClicks = sum("linkClicks");
  const linkOrders = sum("linkOrders");

  const [computed] = rowsOf<{ at: Date | string | null }>(await ctx.db.execute(sql`select max(computed_at) as at from metrics_daily where day between ${from}::date and ${to}::date`));
  return {
    from,
    to,
    days,
    totals: {
      newMembers: sum("newMembers"),
      notes: sum("notes"),
      checkins: sum("checkins"),
      challengeJoins: sum("challengeJoins"),
      linkClicks,
      linkOrders,
      linkGmvCents: sum("linkGmvCents"),
      commissionCents: sum("commissionCents"),
      conversionBp: linkClicks > 0 ? Math.round((linkOrders * 10000) / linkClicks) : 0,
      averageDau: days.length > 0 ? Math.round(sum("dau") / days.length) : 0,
      mau: days.at(-1)?.mau ?? 0,
    },
    topCreators: await creatorMetrics(ctx, from, to, null, 10),
    cohorts: await retentionCohorts(ctx, to, tz),
    computedAt: computed?.at ? new Date(computed.at).toISOString() : null,
  };
}

/** Per-creator GMV, commission, orders and new buyers over the range, by GMV (or one creator). */
export async function creatorMetrics(ctx: Pick<AppContext, "db">, from: string, to: string, creatorId: string | null, limit: number): Promise<CreatorMetrics[]> {
  const rows = rowsOf<{ creator_id: string; handle: string; display_name: string; gmv: number; orders: number; commission: number; new_buyers: number }>(
    await ctx.db.execute(sql`
      select u.id as creator_id, u.handle, u.display_name,
        coalesce(sum(m.value) filter (where m.key = 'creator_gmv_cents'), 0)::float8 as gmv,
        coalesce(sum(m.value) filter (where m.key = 'creator_orders'), 0)::float8 as orders,
        coalesce(sum(m.value) filter (where m.key = 'creator_commission_cents'), 0)::float8 as commission,
        coalesce(sum(m.value) filter (where m.key = 'creator_new_buyers'), 0)::float8 as new_buyers
      from metrics_daily m join users u on u.id::text = m.dimension
      where m.key like 'creator_%' and m.day between ${from}::date and ${to}::date
        ${creatorId ? sql`and m.dimension = ${creatorId}` : sql``}
      group by u.id, u.handle, u.display_name
      order by gmv desc, commission desc, u.handle
      limit ${limit}`),
  );
  return rows.map((r) => ({
    creatorId: r.creator_id,
    handle: r.handle,
    displayName: r.display_name,
    gmvCents: Number(r.gmv),
    orders: Number(r.orders),
    commissionCents: Number(r.commission),
    newBuyers: Number(r.new_buyers),
  }));
}

/**
 * Weekly signup cohorts (weeks start on Monday, platform-local) and their activity week by week. Both
 * the signups and the activity are bounded by the instants of the first cohort's Monday and the end of
 * `to` (a half-open range the time indexes serve), then matched per member.
 */
async function retentionCohorts(ctx: Pick<AppContext, "db">, to: string, tz: string): Promise<Cohort[]> {
  const range = dayRange(shiftDay(mondayOf(to), -7 * (COHORT_WEEKS - 1)), to, tz);
  const rows = rowsOf<{ week: string; size: number; k: number | null; active: number }>(
    await ctx.db.execute(sql`
      with cohort as (
        select id, date_trunc('week', (created_at at time zone ${tz})::date)::date as week from users
        where created_at >= ${range.start}::timestamptz and created_at < ${range.end}::timestamptz
      ),
      act as (
        select distinct c.week, c.id, ((date_trunc('week', a.day)::date - c.week) / 7) as k
        from cohort c join ${activitySql(tz, range)} a on a.user_id = c.id
        where a.day between c.week and ${to}::date
      )
      select c.week::text as week, (select count(*) from cohort c2 where c2.week = c.week)::int as size, a.k::int as k, count(distinct a.id)::int as active
      from (select distinct week from cohort) c left join act a on a.week = c.week
      group by c.week, a.k order by c.week, a.k`),
  );
  const byWeek = new Map<string, Cohort>();
  const lastWeek = mondayOf(to);
  for (const r of rows) {
    const weeks = Math.floor((Date.parse(`${lastWeek}T00:00:00Z`) - Date.parse(`${r.week}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
    const c = byWeek.get(r.week) ?? { week: r.week, size: Number(r.size), active: Array.from({ length: weeks }, () => 0) };
    if (r.k !== null && r.k >= 0 && r.k < weeks) c.active[r.k] = Number(r.active);
    byWeek.set(r.week, c);
  }
  return [...byWeek.values()];
}

function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return shiftDay(day, -((d.getUTCDay() + 6) % 7));
}
