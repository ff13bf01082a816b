import type { Schedule } from "../../jobs/schedule";

/** Periodic jobs of the challenges area (registered in server/jobs/schedules.ts through ../schedules.ts). */
export const challengesSchedules: Schedule[] = [];
