import type { Schedule } from "../jobs/schedule";
import { membershipSchedules } from "./membership/schedules";
import { ordersSchedules } from "./orders/schedules";

/** Periodic jobs of commerce (registered in server/jobs/schedules.ts). */
export const commerceSchedules: readonly Schedule[] = [...ordersSchedules, ...membershipSchedules];
