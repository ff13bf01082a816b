/** Events the check-in area emits (consumed by badges for streak badges, and by anyone else who cares). */
export const CHECKIN_EVENTS = {
  recorded: "gamification.checkin.recorded",
} as const;

/**
 * A day was checked in: today's check-in (`madeUp: false`) or a past day filled with a make-up card
 * (`madeUp: true`). `streak` is the longest streak the check-in made: today's streak, or for a fill
 * the streak of the last day of the run the fill joined (a fill can join two runs into one).
 */
export interface CheckInRecordedPayload extends Record<string, unknown> {
  userId: string;
  localDate: string;
  streak: number;
  madeUp: boolean;
}
