import { z } from "zod";

/** A real calendar date as YYYY-MM-DD (2026-02-30 is refused: it would silently roll over to March). */
const dateSchema = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, "ops.metrics.date");

/** A date range of platform-local days, both ends included; at most a year, so a request stays small. */
export const metricsRangeSchema = z
  .object({ from: dateSchema.optional(), to: dateSchema.optional() })
  .strict()
  .superRefine((v, ctx) => {
    if (v.from && v.to) {
      const days = (Date.parse(`${v.to}T00:00:00Z`) - Date.parse(`${v.from}T00:00:00Z`)) / 86_400_000;
      if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "ops.metrics.order" });
      else if (days > 366) ctx.addIssue({ code: "custom", path: ["to"], message: "ops.metrics.tooLong" });
    }
  });
export type MetricsRange = z.input<typeof metricsRangeSchema>;

export const metricsDaySchema = z.object({
  day: z.string(),
  dau: z.number().int(),
  mau: z.number().int(),
  newMembers: z.number().int(),
  notes: z.number().int(),
  checkins: z.number().int(),
  challengeJoins: z.number().int(),
  linkClicks: z.number().int(),
  linkOrders: z.number().int(),
  linkGmvCents: z.number().int(),
  commissionCents: z.number().int(),
});
export type MetricsDay = z.infer<typeof metricsDaySchema>;

export const creatorMetricsSchema = z.object({
  creatorId: z.string().uuid(),
  handle: z.string(),
  displayName: z.string(),
  gmvCents: z.number().int(),
  orders: z.number().int(),
  commissionCents: z.number().int(),
  newBuyers: z.number().int(),
});
export type CreatorMetrics = z.infer<typeof creatorMetricsSchema>;

export const cohortSchema = z.object({
  /** The Monday (platform-local) the cohort's members signed up in that week. */
  week: z.string(),
  size: z.number().int(),
  /** Members of the cohort active in week 0, 1, 2 … after signing up (only weeks that have begun). */
  active: z.array(z.number().int()),
});
export type Cohort = z.infer<typeof cohortSchema>;

export const platformMetricsSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(metricsDaySchema),
  totals: z.object({
    newMembers: z.number().int(),
    notes: z.number().int(),
    checkins: z.number().int(),
    challengeJoins: z.number().int(),
    linkClicks: z.number().int(),
    linkOrders: z.number().int(),
    linkGmvCents: z.number().int(),
    commissionCents: z.number().int(),
    /** Orders through links per counted click, in basis points (0 when there were no clicks). */
    conversionBp: z.number().int(),
    /** The average DAU over the range, and the MAU on its last day. */
    averageDau: z.number().int(),
    mau: z.number().int(),
  }),
  topCreators: z.array(creatorMetricsSchema),
  cohorts: z.array(cohortSchema),
  /** When the numbers were last computed (null: never; the schedule runs hourly). */
  computedAt: z.string().nullable(),
});
export type PlatformMetrics = z.infer<typeof platformMetricsSchema>;
