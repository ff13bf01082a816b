import { defineMessages } from "./define";

/** Error and validation messages of the points area (keys `points.*`, or `gamification.points.*`). */
export const pointsMessages = defineMessages({}, {});
