import type { Schedule } from "../jobs/schedule";
import { badgesSchedules } from "./badges/schedules";
import { challengesSchedules } from "./challenges/schedules";
import { checkinSchedules } from "./checkin/schedules";
import { pointsSchedules } from "./points/schedules";
import { rewardsSchedules } from "./rewards/schedules";

export const gamificationSchedules: readonly Schedule[] = [
  ...pointsSchedules,
  ...checkinSchedules,
  ...challengesSchedules,
  ...badgesSchedules,
  ...rewardsSchedules,
];
