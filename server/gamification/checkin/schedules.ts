import type { Schedule } from "../../jobs/schedule";

/** Periodic jobs of the checkin area (registered in server/jobs/schedules.ts through ../schedules.ts). */
export const checkinSchedules: Schedule[] = [];
