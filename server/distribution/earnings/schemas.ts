import { z } from "zod";
import { COMMISSION_STATUSES } from "../../../db/schema";
import { COMMISSION_REASONS } from "../commissions/events";

/**
 * Views and queries of a creator's earnings (收益): the summary with its breakdowns and 30-day series,
 * and the commission list with each commission's timeline. Money in integer cents (CNY).
 */

/** How many days the earnings chart covers, ending today (platform time zone). */
export const EARNINGS_CHART_DAYS = 30;

const cents = z.number().int();

export const earningsSummarySchema = z.object({
  balanceCents: cents.describe(
    "Confirmed earnings not yet requested for payout: the sum of the creator's `earnings` ledger account. May be negative after a refund of commission already paid out.",
  ),
  withdrawableCents: cents.describe("What a payout request may take now: the balance, or 0 when it is negative."),
  pendingCents: cents.describe("Commission still in its holding period (the `pending` ledger account)."),
  inPayoutCents: cents.describe("Requested or approved payouts not yet paid."),
  paidCents: cents.describe("Paid out, lifetime."),
  confirmedCents: cents.describe("Confirmed commission net of reversals, lifetime: balance + in payout + paid."),
  lifetimeCents: cents.describe("Every commission earned net of reversals: confirmed + pending."),
  minimumPayoutCents: cents,
  byLink: z.array(
    z.object({
      linkId: z.uuid().nullable(),
      code: z.string().nullable(),
      title: z.string(),
      orders: z.number().int(),
      gmvCents: cents,
      commissionCents: cents,
    }),
  ),
  byProduct: z.array(
    z.object({
      productId: z.uuid().nullable(),
      title: z.string(),
      orders: z.number().int(),
      gmvCents: cents,
      commissionCents: cents,
    }),
  ),
  chart: z
    .array(z.object({ date: z.string(), earnedCents: cents, reversedCents: cents }))
    .describe(`One point per day for the last ${EARNINGS_CHART_DAYS} days (platform time zone): commission earned and reversed that day.`),
});
export type EarningsSummary = z.input<typeof earningsSummarySchema>;

export const commissionTimelineStepSchema = z.object({
  reason: z.enum(COMMISSION_REASONS),
  reasonText: z.string(),
  amountCents: cents,
  at: z.iso.datetime(),
});

export const commissionViewSchema = z.object({
  id: z.uuid(),
  status: z.enum(COMMISSION_STATUSES),
  orderId: z.uuid(),
  orderNumber: z.string(),
  productId: z.uuid().nullable(),
  title: z.string(),
  linkId: z.uuid().nullable(),
  linkCode: z.string().nullable(),
  lineTotalCents: cents,
  rateBp: z.number().int(),
  tierMultiplierBp: z.number().int(),
  amountCents: cents.describe("The creator's commission when the order was paid (after any MCN share)."),
  reversedCents: cents.describe("How much of it refunds have taken back."),
  netCents: cents,
  confirmableAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  timeline: z.array(commissionTimelineStepSchema),
});
export type CommissionView = z.input<typeof commissionViewSchema>;

export const listCommissionsQuerySchema = z.strictObject({
  status: z.enum(COMMISSION_STATUSES, { error: "distribution.commission.status" }).optional(),
  cursor: z.string({ error: "validation.invalid" }).max(1000, "validation.invalid").optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1, "validation.tooSmall").max(100, "validation.tooBig").optional(),
});
export type ListCommissionsQuery = z.input<typeof listCommissionsQuerySchema>;

export const commissionPageSchema = z.object({
  items: z.array(commissionViewSchema),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next (older) page; null at the end."),
});
export type CommissionPage = z.input<typeof commissionPageSchema>;
