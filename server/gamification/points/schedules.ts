import type { Schedule } from "../../jobs/schedule";

/** Periodic jobs of the points area (registered in server/jobs/schedules.ts through ../schedules.ts). */
export const pointsSchedules: Schedule[] = [];
