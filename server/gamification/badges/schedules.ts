import type { Schedule } from "../../jobs/schedule";

/** Periodic jobs of the badges area (registered in server/jobs/schedules.ts through ../schedules.ts). */
export const badgesSchedules: Schedule[] = [];
