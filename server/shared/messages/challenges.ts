import { defineMessages } from "./define";

/** Error and validation messages of the challenges area (keys `challenges.*`, or `gamification.challenges.*`). */
export const challengesMessages = defineMessages({}, {});
