export { backfillMetrics, computeDailyMetrics, daysBetween } from "./compute-daily";
export { creatorMetrics, getPlatformMetrics, shiftDay } from "./get-platform-metrics";
export { metricsDailySchedule } from "./schedule";
export { metricsRangeSchema, platformMetricsSchema, type Cohort, type CreatorMetrics, type MetricsDay, type MetricsRange, type PlatformMetrics } from "./schemas";
