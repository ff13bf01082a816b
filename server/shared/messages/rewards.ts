import { defineMessages } from "./define";

/** Error and validation messages of the rewards area (keys `rewards.*`, or `gamification.rewards.*`). */
export const rewardsMessages = defineMessages({}, {});
