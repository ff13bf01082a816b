import { sql } from "drizzle-orm";
import { localDate } from "../../shared/clock";
import { defineSchedule } from "../../jobs/schedule";
import { rowsOf } from "../../shared/sql-rows";
import { computeDailyMetrics, dayRange } from "./compute-daily";

/**
 * Hourly: today's numbers so far, and yesterday's once more (late refunds and confirmations land after
 * midnight). GMV and commission count on the day an order was paid, net of refunds so far, so a refund
 * of an older attributed order (the holding period is a week) also recomputes the day it was paid.
 * A few days of index range scans; the dashboard only ever reads metrics_daily.
 */
export const metricsDailySchedule = defineSchedule({
  name: "ops.metricsDaily",
  every: "1h",
  async run(ctx) {
    const now = ctx.clock.now();
    const tz = ctx.config.platformTimeZone;
    const today = localDate(now, tz);
    const yesterday = localDate(new Date(now.getTime() - 86_400_000), tz);
    const since = dayRange(yesterday, today, tz).start;
    await ctx.db.transaction(async (tx) => {
      const refunded = rowsOf<{ day: string }>(
        await tx.execute(sql`
          select distinct (o.paid_at at time zone ${tz})::date::text as day from refunds r join orders o on o.id = r.order_id
          where r.created_at >= ${since}::timestamptz and o.creator_id is not null and o.paid_at < ${since}::timestamptz
          order by 1`),
      );
      for (const { day } of refunded) await computeDailyMetrics(tx, day, tz, now);
      await computeDailyMetrics(tx, yesterday, tz, now);
      await computeDailyMetrics(tx, today, tz, now);
    });
    ctx.logger.info({ today, yesterday }, "daily metrics computed");
  },
});
