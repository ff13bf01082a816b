import { z } from "zod";
import type { Queryable } from "../../../db/client";
import { readSetting } from "../../ops";

/**
 * The staff-editable eligibility paths to distribution rights (settings key `distribution.eligibility`).
 * An approved creator qualifies; so does a member who did the tasks (check-in days in a recent window and
 * confirmed purchases), and one whose active membership plan includes the right. Staff always qualify.
 * A path can be switched off, which revokes the rights of everyone standing on it at the next re-check.
 */
export const eligibilitySettingsSchema = z.strictObject({
  creator: z.strictObject({ enabled: z.boolean({ error: "validation.invalid" }) }),
  tasks: z
    .strictObject({
      enabled: z.boolean({ error: "validation.invalid" }),
      /** At least this many check-in days … */
      checkinDays: z.number({ error: "distribution.eligibility.checkinDays" }).int("distribution.eligibility.checkinDays").min(0, "distribution.eligibility.checkinDays").max(366, "distribution.eligibility.checkinDays"),
      /** … among the last this many platform-local days, today included. */
      windowDays: z.number({ error: "distribution.eligibility.windowDays" }).int("distribution.eligibility.windowDays").min(1, "distribution.eligibility.windowDays").max(366, "distribution.eligibility.windowDays"),
      /** And at least this much of confirmed purchases (net of refunds), integer cents. */
      minPurchaseCents: z
        .number({ error: "distribution.eligibility.minPurchase" })
        .int("distribution.eligibility.minPurchase")
        .min(0, "distribution.eligibility.minPurchase")
        .max(100_000_000, "distribution.eligibility.minPurchase"),
    })
    .refine((v) => v.checkinDays <= v.windowDays, { message: "distribution.eligibility.daysOverWindow", path: ["checkinDays"] }),
  membership: z.strictObject({ enabled: z.boolean({ error: "validation.invalid" }) }),
});
export type EligibilitySettings = z.infer<typeof eligibilitySettingsSchema>;

export const ELIGIBILITY_SETTINGS_KEY = "distribution.eligibility";

/** The defaults: creators; or 7 check-in days of the last 30 and ¥99 confirmed; or a plan with the right. */
export const DEFAULT_ELIGIBILITY_SETTINGS: EligibilitySettings = {
  creator: { enabled: true },
  tasks: { enabled: true, checkinDays: 7, windowDays: 30, minPurchaseCents: 9_900 },
  membership: { enabled: true },
};

export function readEligibilitySettings(db: Queryable): Promise<EligibilitySettings> {
  return readSetting(db, ELIGIBILITY_SETTINGS_KEY, eligibilitySettingsSchema, DEFAULT_ELIGIBILITY_SETTINGS);
}
