import { sql } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { AppError } from "../../shared/errors";
import { rowsOf } from "../../shared/sql-rows";
import { shiftDay } from "./compute-daily";
import { resolveRange } from "./resolve-range";
import { metricsRangeSchema, type CreatorDay, type CreatorSeries, type MetricsRange } from "./schemas";

const creatorIdSchema = z.uuid("ops.creatorMetrics.creatorId");

/**
 * One creator's numbers day by day for the ops console's chart (staff and admins): GMV net of refunds,
 * paid orders, their commission share, new buyers and counted clicks for each platform-local day of the
 * range (default the last 30; days without activity are zeros), and the range's totals with click→order
 * conversion — the same metrics_daily rows the creator board sums, so a row there equals these totals.
 * Any member may have had links (distribution rights come by several paths), so any account is accepted;
 * an unknown id is 404, a malformed one a field error.
 */
export async function getCreatorMetrics(ctx: Pick<AppContext, "db" | "clock" | "config">, staff: CurrentUser | null, userId: string, input: MetricsRange = {}): Promise<CreatorSeries> {
  requirePermission(staff, "read:metrics:any");
  const id = parseInput(z.object({ userId: creatorIdSchema }), { userId }).userId;
  const q = parseInput(metricsRangeSchema, input);
  const { from, to } = resolveRange(ctx, q);
  const [user] = rowsOf<{ id: string; handle: string; display_name: string }>(await ctx.db.execute(sql`select id, handle, display_name from users where id = ${id}::uuid`));
  if (!user) throw new AppError("NOT_FOUND", "notFound");

  const rows = rowsOf<{ day: string; key: string; value: number }>(
    await ctx.db.execute(sql`
      select day::text as day, key, value::float8 as value from metrics_daily
      where dimension = ${user.id} and key like 'creator\\_%' and day between ${from}::date and ${to}::date`),
  );
  const byDay = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const d = byDay.get(r.day) ?? {};
    d[r.key] = Number(r.value);
    byDay.set(r.day, d);
  }
  const days: CreatorDay[] = [];
  for (let d = from; d <= to; d = shiftDay(d, 1)) {
    const m = byDay.get(d) ?? {};
    days.push({
      day: d,
      gmvCents: m.creator_gmv_cents ?? 0,
      orders: m.creator_orders ?? 0,
      commissionCents: m.creator_commission_cents ?? 0,
      newBuyers: m.creator_new_buyers ?? 0,
      clicks: m.creator_clicks ?? 0,
    });
  }
  const sum = (k: Exclude<keyof CreatorDay, "day">) => days.reduce((s, d) => s + d[k], 0);
  const clicks = sum("clicks");
  const orders = sum("orders");
  const [computed] = rowsOf<{ at: Date | string | null }>(await ctx.db.execute(sql`select max(computed_at) as at from metrics_daily where day between ${from}::date and ${to}::date`));
  return {
    from,
    to,
    creator: { creatorId: user.id, handle: user.handle, displayName: user.display_name },
    days,
    totals: {
      gmvCents: sum("gmvCents"),
      orders,
      commissionCents: sum("commissionCents"),
      newBuyers: sum("newBuyers"),
      clicks,
      conversionBp: clicks > 0 ? Math.round((orders * 10000) / clicks) : 0,
    },
    computedAt: computed?.at ? new Date(computed.at).toISOString() : null,
  };
}
