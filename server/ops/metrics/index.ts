export { backfillMetrics, computeDailyMetrics, daysBetween, shiftDay } from "./compute-daily";
export { creatorMetrics, getPlatformMetrics } from "./get-platform-metrics";
export { getCreatorMetrics } from "./get-creator-metrics";
export { listCreatorMetrics } from "./list-creator-metrics";
export { metricsDailySchedule } from "./schedule";
export {
  creatorMetricsPageSchema,
  creatorMetricsQuerySchema,
  creatorSeriesSchema,
  metricsRangeSchema,
  platformMetricsSchema,
  CREATOR_SORTS,
  type Cohort,
  type CreatorBoardRow,
  type CreatorMetrics,
  type CreatorMetricsPage,
  type CreatorMetricsQuery,
  type CreatorSeries,
  type CreatorSort,
  type MetricsDay,
  type MetricsRange,
  type PlatformMetrics,
} from "./schemas";
