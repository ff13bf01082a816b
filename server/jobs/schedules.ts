import { cleanupAbandonedUploadsSchedule } from "../media";
import { pruneExpiredSchedule } from "./prune-expired";
import { postScoresSchedule } from "../content/feeds";
import { gamificationSchedules } from "../gamification/schedules";
import { commerceSchedules } from "../commerce/schedules";
import { distributionSchedules } from "../distribution/schedules";
import { opsSchedules } from "../ops/schedules";
import { creatorsSchedules } from "../creators/schedules";
import type { Schedule } from "./schedule";

/**
 * Every periodic job of the application. A context defines its job with `defineSchedule` next to its
 * domain code (e.g. a nightly ledger check with `every: { dailyAt: "03:00" }`, platform-local time),
 * exports it through its index.ts and appends it here. Each slot runs once across all workers.
 */
export const schedules: readonly Schedule[] = [
  pruneExpiredSchedule,
  cleanupAbandonedUploadsSchedule,
  postScoresSchedule,
  ...gamificationSchedules,
  ...commerceSchedules,
  ...distributionSchedules,
  ...creatorsSchedules,
  ...opsSchedules,
];
