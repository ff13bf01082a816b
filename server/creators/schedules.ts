import type { Schedule } from "../jobs/schedule";
import { mcnSchedules } from "./mcn/schedules";
import { tiersSchedules } from "./tiers/schedules";
import { applicationsSchedules } from "./applications/schedules";

/** Every periodic job of the creators context, one line per area (registered in server/jobs/schedules.ts). */
export const creatorsSchedules: readonly Schedule[] = [
  ...applicationsSchedules,
  ...tiersSchedules,
  ...mcnSchedules,
];
