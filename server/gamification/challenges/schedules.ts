import type { Schedule } from "../../jobs/schedule";
import { challengeReminderSchedule } from "./remind-participants";

/** Periodic jobs of the challenges area (registered in server/jobs/schedules.ts through ../schedules.ts). */
export const challengesSchedules: Schedule[] = [challengeReminderSchedule];
