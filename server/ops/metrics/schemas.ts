import { z } from "zod";

/** A real calendar date as YYYY-MM-DD (2026-02-30 is refused: it would silently roll over to March). */
const dateSchema = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, "ops.metrics.date");

/** Both ends given: `to` not before `from`, and at most 366 days apart. */
function checkRange(v: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (v.from && v.to) {
    const days = (Date.parse(`${v.to}T00:00:00Z`) - Date.parse(`${v.from}T00:00:00Z`)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "ops.metrics.order" });
    else if (days > 366) ctx.addIssue({ code: "custom", path: ["to"], message: "ops.metrics.tooLong" });
  }
}

/** A date range of platform-local days, both ends included; at most a year, so a request stays small. */
export const metricsRangeSchema = z.object({ from: dateSchema.optional(), to: dateSchema.optional() }).strict().superRefine(checkRange);
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

/** The creator board's columns, each sortable. */
export const CREATOR_SORTS = ["gmv", "commission", "orders", "newBuyers", "clicks", "conversion", "creator"] as const;
export type CreatorSort = (typeof CREATOR_SORTS)[number];

/**
 * The creator board's query: a range as the dashboard's, a column and direction (default GMV, highest
 * first), an optional handle prefix, and keyset paging (`cursor` from the previous page's `nextCursor`).
 */
export const creatorMetricsQuerySchema = z
  .object({
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    sort: z.enum(CREATOR_SORTS, { error: "ops.creatorMetrics.sort" }).optional(),
    dir: z.enum(["asc", "desc"], { error: "ops.creatorMetrics.dir" }).optional(),
    creator: z.string().trim().max(40, "ops.creatorMetrics.creator").optional(),
    cursor: z.string().max(1000, "validation.invalid").optional(),
    limit: z.coerce.number({ error: "ops.creatorMetrics.limit" }).int("ops.creatorMetrics.limit").min(1, "ops.creatorMetrics.limit").max(100, "ops.creatorMetrics.limit").optional(),
  })
  .strict()
  .superRefine(checkRange);
export type CreatorMetricsQuery = z.input<typeof creatorMetricsQuerySchema>;

/** One creator's numbers over a range: the dashboard's four, plus counted clicks and click→order conversion. */
export const creatorBoardRowSchema = creatorMetricsSchema.extend({
  clicks: z.number().int(),
  /** Orders per counted click on the creator's links, in basis points (0 without clicks). */
  conversionBp: z.number().int(),
});
export type CreatorBoardRow = z.infer<typeof creatorBoardRowSchema>;

export const creatorMetricsPageSchema = z.object({
  from: z.string(),
  to: z.string(),
  sort: z.enum(CREATOR_SORTS),
  dir: z.enum(["asc", "desc"]),
  items: z.array(creatorBoardRowSchema),
  /** Creators matching the filter with any numbers in the range (all pages). */
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  computedAt: z.string().nullable(),
});
export type CreatorMetricsPage = z.infer<typeof creatorMetricsPageSchema>;

export const creatorDaySchema = z.object({
  day: z.string(),
  gmvCents: z.number().int(),
  orders: z.number().int(),
  commissionCents: z.number().int(),
  newBuyers: z.number().int(),
  clicks: z.number().int(),
});
export type CreatorDay = z.infer<typeof creatorDaySchema>;

/** One creator's day-by-day series over a range, with the range's totals. */
export const creatorSeriesSchema = z.object({
  from: z.string(),
  to: z.string(),
  creator: z.object({ creatorId: z.string().uuid(), handle: z.string(), displayName: z.string() }),
  days: z.array(creatorDaySchema),
  totals: creatorBoardRowSchema.omit({ creatorId: true, handle: true, displayName: true }),
  computedAt: z.string().nullable(),
});
export type CreatorSeries = z.infer<typeof creatorSeriesSchema>;
