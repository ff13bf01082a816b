import type { Schedule } from "../jobs/schedule";
import { fraudSchedules } from "./fraud/schedules";
import { rightsSchedules } from "./rights/schedules";

/** Every periodic job of distribution, one line per area (registered in server/jobs/schedules.ts). */
export const distributionSchedules: readonly Schedule[] = [...rightsSchedules, ...fraudSchedules];
