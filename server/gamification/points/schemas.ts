import { z } from "zod";

/*
 * Inputs of the points area, shared by the API and the staff forms (which extend them for checkboxes
 * and empty fields). Messages are keys, translated at each boundary.
 */
const whole = (max: number) => z.number({ error: "validation.integer" }).int("validation.integer").min(0).max(max);

/** One rule as staff edit it; `dailyCap` null means "no cap". */
export const pointRuleUpdateSchema = z.strictObject({
  points: whole(100_000),
  growth: whole(100_000),
  dailyCap: whole(10_000).nullable(),
  enabled: z.boolean({ error: "validation.invalid" }),
});
export type PointRuleUpdate = z.output<typeof pointRuleUpdateSchema>;

export const EXPIRY_MODES = ["never", "days", "endOfNextYear"] as const;

/** The policy as a flat form: `expiryDays` is required exactly when the mode is `days`. */
export const pointsPolicyUpdateSchema = z
  .strictObject({
    globalDailyCap: whole(1_000_000),
    expiryMode: z.enum(EXPIRY_MODES, { error: "validation.invalid" }),
    expiryDays: z.number({ error: "validation.integer" }).int("validation.integer").min(1).max(3650).optional(),
    reminderDays: z.number({ error: "validation.integer" }).int("validation.integer").min(1).max(365),
  })
  .superRefine((v, issue) => {
    if (v.expiryMode === "days" && v.expiryDays === undefined) issue.addIssue({ code: "custom", path: ["expiryDays"], message: "points.policy.daysRequired" });
  });
export type PointsPolicyUpdate = z.output<typeof pointsPolicyUpdateSchema>;

const name = z.string({ error: "validation.required" }).trim().min(1, "points.level.name").max(20, "points.level.name");
const perks = z.string({ error: "validation.invalid" }).trim().max(200, "validation.tooLong");

/** One level as staff edit it. */
export const levelUpdateSchema = z.strictObject({
  nameZh: name,
  nameEn: name,
  minGrowth: whole(100_000_000),
  dailyCapBonus: whole(1_000_000),
  /** ×1.0 = 10,000 basis points; between ×0.1 and ×10. */
  multiplierBp: z.number({ error: "validation.integer" }).int("validation.integer").min(1_000).max(100_000),
  perksZh: perks.default(""),
  perksEn: perks.default(""),
});
export type LevelUpdate = z.output<typeof levelUpdateSchema>;

export const ledgerPageInputSchema = z.strictObject({
  cursor: z.string({ error: "validation.invalid" }).max(1000, "validation.invalid").optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(50).optional(),
});
