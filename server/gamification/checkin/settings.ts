import { z } from "zod";
import type { Queryable } from "../../../db/client";
import { readSetting } from "../../ops";

/**
 * The staff-editable check-in setting (settings key `gamification.checkin`). The amounts of the base
 * check-in and of each bonus live in point_rules (rules `checkin`, `checkin.streak7` …), so the rules
 * editor prices them and the level multiplier and daily caps apply; this setting says which streak
 * lengths pay which rule, and how make-up cards (补签卡) are earned, sold and capped.
 */
export const checkinSettingsSchema = z.object({
  /** The bonus ladder: on the day a streak reaches `days`, the rule `ruleKey` pays once. */
  streakBonuses: z
    .array(z.object({ days: z.number().int().min(2).max(366), ruleKey: z.string().trim().min(1).max(60) }))
    .max(10)
    .refine((rungs) => new Set(rungs.map((r) => r.days)).size === rungs.length, { message: "checkin.settings.duplicateDays" }),
  /** One make-up card each time a streak reaches a multiple of this many days; 0 earns none. */
  makeupCardEvery: z.number().int().min(0).max(366),
  /** Points a card costs in the shop; 0 takes cards off sale. */
  makeupCardPrice: z.number().int().min(0).max(1_000_000),
  /** How far back a card may fill a missed day (1 = yesterday only). */
  makeupWindowDays: z.number().int().min(1).max(31),
  /** Card uses per platform-local calendar month. */
  makeupUsesPerMonth: z.number().int().min(0).max(31),
});
export type CheckInSettings = z.infer<typeof checkinSettingsSchema>;

export const CHECKIN_SETTINGS_KEY = "gamification.checkin";

/** DESIGN.md §3.2: day 7 pays `checkin.streak7` (+20); a card every 7 days, 2 uses a month, 7 days back. */
export const DEFAULT_CHECKIN_SETTINGS: CheckInSettings = {
  streakBonuses: [{ days: 7, ruleKey: "checkin.streak7" }],
  makeupCardEvery: 7,
  makeupCardPrice: 50,
  makeupWindowDays: 7,
  makeupUsesPerMonth: 2,
};

export function readCheckInSettings(db: Queryable): Promise<CheckInSettings> {
  return readSetting(db, CHECKIN_SETTINGS_KEY, checkinSettingsSchema, DEFAULT_CHECKIN_SETTINGS);
}
