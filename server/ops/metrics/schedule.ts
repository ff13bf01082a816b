import { localDate } from "../../shared/clock";
import { defineSchedule } from "../../jobs/schedule";
import { computeDailyMetrics } from "./compute-daily";

/**
 * Hourly: today's numbers so far, and yesterday's once more (late refunds and confirmations land after
 * midnight). Two days of index range scans; the dashboard only ever reads metrics_daily.
 */
export const metricsDailySchedule = defineSchedule({
  name: "ops.metricsDaily",
  every: "1h",
  async run(ctx) {
    const now = ctx.clock.now();
    const tz = ctx.config.platformTimeZone;
    const today = localDate(now, tz);
    const yesterday = localDate(new Date(now.getTime() - 86_400_000), tz);
    await ctx.db.transaction(async (tx) => {
      await computeDailyMetrics(tx, yesterday, tz, now);
      await computeDailyMetrics(tx, today, tz, now);
    });
    ctx.logger.info({ today, yesterday }, "daily metrics computed");
  },
});
