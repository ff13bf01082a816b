import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context";
import { decodeCursor, encodeCursor, invalidCursor } from "../../content/feeds/cursor";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { rowsOf } from "../../shared/sql-rows";
import { resolveRange } from "./resolve-range";
import { creatorMetricsQuerySchema, type CreatorBoardRow, type CreatorMetricsPage, type CreatorMetricsQuery, type CreatorSort } from "./schemas";

/** The per-creator keys the board sums, as computeDailyMetrics writes them. */
const KEYS = ["creator_gmv_cents", "creator_orders", "creator_commission_cents", "creator_new_buyers", "creator_clicks"];

/** The SQL expression each column sorts by (in the `board` relation below). */
const SORT_COLUMN: Record<CreatorSort, SQL> = {
  gmv: sql`gmv`,
  commission: sql`commission`,
  orders: sql`orders`,
  newBuyers: sql`new_buyers`,
  clicks: sql`clicks`,
  conversion: sql`conversion_bp`,
  creator: sql`handle_key`,
};

/** The last row of a page: its sort value and id, under the sort that produced it. */
const cursorShape = z.object({ s: z.string(), d: z.enum(["asc", "desc"]), v: z.union([z.number(), z.string()]), id: z.uuid() }).strict();

export type BoardRowSql = {
  creator_id: string;
  handle: string;
  display_name: string;
  gmv: number;
  orders: number;
  commission: number;
  new_buyers: number;
  clicks: number;
  conversion_bp: number;
};

/**
 * The creator board of the ops console (staff and admins): for a range of platform-local days (default
 * the last 30, at most 366), each creator's GMV through their links net of refunds, their commission
 * share, paid orders, new buyers (whose first attributed order with them fell in the range), counted
 * clicks and click→order conversion — sorted by any column, filtered by a handle prefix, paged by keyset.
 *
 * Read from metrics_daily (the hourly schedule's per-creator rows), the same numbers the dashboard's
 * top creators and its link GMV are summed from, so the board and the dashboard always agree; a few rows
 * per creator and day, never the orders themselves. New buyers add up over days because a buyer counts
 * only on the day of their first order with that creator.
 */
export async function listCreatorMetrics(ctx: Pick<AppContext, "db" | "clock" | "config">, staff: CurrentUser | null, input: CreatorMetricsQuery = {}): Promise<CreatorMetricsPage> {
  requirePermission(staff, "read:metrics:any");
  const q = parseInput(creatorMetricsQuerySchema, input);
  const { from, to } = resolveRange(ctx, q);
  const sort = q.sort ?? "gmv";
  const dir = q.dir ?? (sort === "creator" ? "asc" : "desc");
  const limit = q.limit ?? 20;
  const after = q.cursor ? decodeCursor(cursorShape, q.cursor) : null;
  // A cursor continues the list it came from; under another order its key means nothing.
  if (after && (after.s !== sort || after.d !== dir || typeof after.v !== (sort === "creator" ? "string" : "number"))) throw invalidCursor();

  const column = SORT_COLUMN[sort];
  const handle = (q.creator ?? "").replace(/^@/, "").toLowerCase();
  // A prefix of the handle, its LIKE wildcards taken literally.
  const handleFilter = handle ? sql`and lower(u.handle) like ${`${handle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql``;
  const value = after ? (typeof after.v === "number" ? sql`${after.v}::float8` : sql`${after.v}::text`) : null;
  const keyset = after && value ? (dir === "desc" ? sql`where (${column}, id) < (${value}, ${after.id}::uuid)` : sql`where (${column}, id) > (${value}, ${after.id}::uuid)`) : sql``;
  const order = dir === "desc" ? sql`${column} desc, id desc` : sql`${column} asc, id asc`;

  const rows = rowsOf<BoardRowSql & { id: string; handle_key: string; total: number }>(
    await ctx.db.execute(sql`
      with agg as (
        select m.dimension,
          coalesce(sum(m.value) filter (where m.key = 'creator_gmv_cents'), 0)::float8 as gmv,
          coalesce(sum(m.value) filter (where m.key = 'creator_orders'), 0)::float8 as orders,
          coalesce(sum(m.value) filter (where m.key = 'creator_commission_cents'), 0)::float8 as commission,
          coalesce(sum(m.value) filter (where m.key = 'creator_new_buyers'), 0)::float8 as new_buyers,
          coalesce(sum(m.value) filter (where m.key = 'creator_clicks'), 0)::float8 as clicks
        from metrics_daily m
        where m.key in (${sql.join(KEYS.map((k) => sql`${k}`), sql`, `)}) and m.day between ${from}::date and ${to}::date
        group by m.dimension
      ),
      board as (
        select u.id, u.id as creator_id, u.handle, u.display_name, lower(u.handle) as handle_key,
          a.gmv, a.orders, a.commission, a.new_buyers, a.clicks,
          (case when a.clicks > 0 then round(a.orders * 10000 / a.clicks) else 0 end)::float8 as conversion_bp,
          count(*) over () as total
        from agg a join users u on u.id = a.dimension::uuid
        where true ${handleFilter}
      )
      select * from board ${keyset} order by ${order} limit ${limit + 1}`),
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  // Counted before the keyset applies, so every page reports the whole board (0 past its end).
  const total = Number(rows[0]?.total ?? 0);
  const [computed] = rowsOf<{ at: Date | string | null }>(await ctx.db.execute(sql`select max(computed_at) as at from metrics_daily where day between ${from}::date and ${to}::date`));
  return {
    from,
    to,
    sort,
    dir,
    items: page.map(boardRow),
    total,
    nextCursor: rows.length > limit && last ? encodeCursor({ s: sort, d: dir, v: sortValue(last, sort), id: last.id }) : null,
    computedAt: computed?.at ? new Date(computed.at).toISOString() : null,
  };
}

function sortValue(r: BoardRowSql & { handle_key: string }, sort: CreatorSort): number | string {
  switch (sort) {
    case "gmv":
      return Number(r.gmv);
    case "commission":
      return r.commission;
    case "orders":
      return r.orders;
    case "newBuyers":
      return r.new_buyers;
    case "clicks":
      return r.clicks;
    case "conversion":
      return r.conversion_bp;
    case "creator":
      return r.handle_key;
  }
}

export function boardRow(r: BoardRowSql): CreatorBoardRow {
  return {
    creatorId: r.creator_id,
    handle: r.handle,
    displayName: r.display_name,
    gmvCents: Number(r.gmv),
    orders: Number(r.orders),
    commissionCents: Number(r.commission),
    newBuyers: Number(r.new_buyers),
    clicks: Number(r.clicks),
    conversionBp: Number(r.conversion_bp),
  };
}
