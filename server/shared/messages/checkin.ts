import { defineMessages } from "./define";

/** Error and validation messages of the checkin area (keys `checkin.*`, or `gamification.checkin.*`). */
export const checkinMessages = defineMessages({}, {});
