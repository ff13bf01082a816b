import { z } from "zod";
import { isCalendarDate } from "./rules";

/*
 * Inputs of the check-in area, shared by the API, the /checkin page's forms and the domain functions
 * (which parse again, so a caller that skipped the boundary still can't write nonsense).
 */

const text = () => z.string({ error: (issue) => (issue.input === undefined ? "validation.required" : "validation.invalid") });

export const calendarDateSchema = text().trim().refine(isCalendarDate, { message: "checkin.date.invalid" });

/** `YYYY-MM`, years 2000–2099: a calendar page further away is a typo, not a request. */
export const monthSchema = text()
  .trim()
  .regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { message: "checkin.month.invalid" });

export const calendarQuerySchema = z.strictObject({ month: monthSchema.optional() });
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

export const applyMakeupCardSchema = z.strictObject({ date: calendarDateSchema });
export type ApplyMakeupCardInput = z.infer<typeof applyMakeupCardSchema>;

/** A client-chosen key (also accepted as the Idempotency-Key header): a retried purchase buys one card. */
export const requestKeySchema = text()
  .trim()
  .regex(/^[A-Za-z0-9_.:-]{8,100}$/, { message: "checkin.requestKey.invalid" });

export const buyMakeupCardSchema = z.strictObject({ requestKey: requestKeySchema.optional() });
export type BuyMakeupCardInput = z.infer<typeof buyMakeupCardSchema>;

export const dailyCheckInSchema = z.strictObject({});

const paidBonusSchema = z.object({ days: z.number().int(), ruleKey: z.string(), points: z.number().int(), growth: z.number().int() });
const nextBonusSchema = z.object({ days: z.number().int(), inDays: z.number().int(), points: z.number().int() }).nullable();
const levelChangeSchema = z.object({ from: z.number().int(), to: z.number().int() }).nullable();

export const checkInResultSchema = z.object({
  alreadyCheckedIn: z.boolean(),
  localDate: z.string(),
  streak: z.number().int(),
  points: z.number().int(),
  growth: z.number().int(),
  bonus: paidBonusSchema.nullable(),
  bonuses: z.array(paidBonusSchema),
  makeupCardEarned: z.boolean(),
  nextBonus: nextBonusSchema,
  levelChange: levelChangeSchema,
});

export const makeupResultSchema = z.object({
  localDate: z.string(),
  /** The filled day's own streak. */
  filledStreak: z.number().int(),
  /** The streak alive today after the fill. */
  streak: z.number().int(),
  points: z.number().int(),
  growth: z.number().int(),
  bonuses: z.array(paidBonusSchema),
  makeupCardEarned: z.boolean(),
  cardsAvailable: z.number().int(),
  usesLeftThisMonth: z.number().int(),
});

export const buyResultSchema = z.object({
  cardId: z.uuid(),
  /** False when the request key had bought a card before: that card is returned and nothing is charged. */
  created: z.boolean(),
  pointsSpent: z.number().int(),
  cardsAvailable: z.number().int(),
  pointsBalance: z.number().int(),
});

export const calendarDaySchema = z.object({
  date: z.string(),
  /** Monday = 0 … Sunday = 6. */
  weekday: z.number().int(),
  checkedIn: z.boolean(),
  madeUp: z.boolean(),
  isToday: z.boolean(),
  isFuture: z.boolean(),
  /** A missed day a card could fill now (window, join date); cards and the monthly cap apply on top. */
  fillable: z.boolean(),
});

export const calendarSchema = z.object({
  month: z.string(),
  today: z.string(),
  prevMonth: z.string().nullable(),
  /** Null when the next month is still ahead of today's. */
  nextMonth: z.string().nullable(),
  joinedOn: z.string(),
  days: z.array(calendarDaySchema),
  checkedInToday: z.boolean(),
  streak: z.number().int(),
  longestStreak: z.number().int(),
  totalDays: z.number().int(),
  daysThisMonth: z.number().int(),
  todayPoints: z.number().int(),
  ladder: z.array(z.object({ days: z.number().int(), points: z.number().int(), reached: z.boolean() })),
  nextBonus: nextBonusSchema,
  cardsAvailable: z.number().int(),
  usesLeftThisMonth: z.number().int(),
  makeupCardPrice: z.number().int(),
  makeupWindowDays: z.number().int(),
  pointsBalance: z.number().int(),
});
export type CheckInCalendar = z.infer<typeof calendarSchema>;
