import type { Schedule } from "../../jobs/schedule";

/** Periodic jobs of the rewards area (registered in server/jobs/schedules.ts through ../schedules.ts). */
export const rewardsSchedules: Schedule[] = [];
