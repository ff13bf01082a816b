import { defineMessages } from "./define";

/** Error and validation messages of the badges area (keys `badges.*`, or `gamification.badges.*`). */
export const badgesMessages = defineMessages({}, {});
