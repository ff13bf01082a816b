import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { distributionLinks } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { localDate, zonedMidnight } from "../../shared/clock";
import { AppError } from "../../shared/errors";
import { rowsOf } from "../../shared/sql-rows";
import { CLICK_CHART_DAYS, isUuid, listLinksQuerySchema, type LinkDayPoint, type LinkDetail, type LinkView, type ListLinksQuery } from "./schemas";
import { linkViewOf, selectLinks, shareOrigin, type LinkRow } from "./views";

type Ctx = Pick<AppContext, "db" | "clock" | "config">;

/**
 * The caller's own links, newest first, with their stats (clicks, unique visitors, orders, GMV,
 * commission — denormalised counters moved in the transactions that record them). Never anyone else's.
 */
export async function listDistributionLinks(ctx: Ctx, user: CurrentUser, query: ListLinksQuery = {}, options: { origin?: string | null } = {}): Promise<LinkView[]> {
  const q = parseInput(listLinksQuerySchema, query);
  const rows = await selectLinks(ctx.db)
    .where(and(eq(distributionLinks.creatorId, user.id), q.status === "archived" ? isNotNull(distributionLinks.archivedAt) : isNull(distributionLinks.archivedAt)))
    .orderBy(desc(distributionLinks.createdAt), desc(distributionLinks.id))
    .limit(200);
  const origin = shareOrigin(ctx, options.origin);
  return rows.map((r) => linkViewOf(r as LinkRow, origin));
}

/** One of the caller's links, or NOT_FOUND — another member's link id is indistinguishable from none. */
export async function findOwnLink(ctx: Pick<AppContext, "db">, user: CurrentUser, linkId: string): Promise<LinkRow> {
  if (!isUuid(linkId)) throw new AppError("NOT_FOUND", "distribution.links.notFound");
  const [row] = await selectLinks(ctx.db).where(and(eq(distributionLinks.id, linkId), eq(distributionLinks.creatorId, user.id)));
  if (!row) throw new AppError("NOT_FOUND", "distribution.links.notFound");
  return row as LinkRow;
}

/**
 * One of the caller's links with counted clicks and unique visitors per platform-local day for the
 * last 14 days (today included, empty days as zero), and how many clicks were kept but not counted.
 */
export async function getDistributionLink(ctx: Ctx, user: CurrentUser, linkId: string, options: { origin?: string | null } = {}): Promise<LinkDetail> {
  const row = await findOwnLink(ctx, user, linkId);
  const tz = ctx.config.platformTimeZone;
  const today = localDate(ctx.clock.now(), tz);
  const days: string[] = [];
  for (let i = CLICK_CHART_DAYS - 1; i >= 0; i--) days.push(shiftDate(today, -i));
  const [y, m, d] = days[0]!.split("-").map(Number) as [number, number, number];
  const since = zonedMidnight(y, m, d, tz);
  const [daily, [uncounted]] = await Promise.all([
    ctx.db.execute(sql`
      select to_char(c.at at time zone ${tz}, 'YYYY-MM-DD') as day,
             count(*) filter (where c.counted)::int as clicks,
             count(distinct c.visitor_id) filter (where c.counted)::int as visitors
      from link_clicks c
      where c.link_id = ${row.id} and c.at >= ${since.toISOString()}::timestamptz
      group by 1`),
    ctx.db.execute(sql`select count(*)::int as n from link_clicks where link_id = ${row.id} and not counted`).then((r) => rowsOf<{ n: number }>(r)),
  ]);
  const byDay = new Map(rowsOf<{ day: string; clicks: number; visitors: number }>(daily).map((r) => [r.day, r]));
  const points: LinkDayPoint[] = days.map((date) => ({ date, clicks: Number(byDay.get(date)?.clicks ?? 0), uniqueVisitors: Number(byDay.get(date)?.visitors ?? 0) }));
  return { ...linkViewOf(row, shareOrigin(ctx, options.origin)), daily: points, uncountedClicks: Number(uncounted?.n ?? 0) };
}

/** YYYY-MM-DD moved by whole days (calendar arithmetic in UTC, where every day has 24 hours). */
function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
