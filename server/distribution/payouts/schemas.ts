import { z } from "zod";
import { PAYOUT_STATUSES } from "../../../db/schema";

/**
 * Inputs and views of payouts (提现), shared by the web forms, the API (and its OpenAPI document) and the
 * demo seed. Messages are keys of server/shared/messages/distribution-earnings.ts.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether a path segment could be an id at all (anything else is simply not found). */
export const isUuid = (value: string) => UUID.test(value);

export const idSchema = z.uuid("validation.uuid");
/** The most one request may take out: ¥1,000,000. */
export const MAX_PAYOUT_CENTS = 100_000_000;

/** A client-chosen key (also accepted as the Idempotency-Key header): a retried request creates one payout. */
export const requestKeySchema = z
  .string({ error: "distribution.payout.requestKey" })
  .regex(/^[A-Za-z0-9._:-]{8,100}$/, "distribution.payout.requestKey");

export const requestPayoutSchema = z.strictObject({
  amountCents: z
    .number({ error: "distribution.payout.amount" })
    .int("distribution.payout.amount")
    .min(1, "distribution.payout.amount")
    .max(MAX_PAYOUT_CENTS, "distribution.payout.amount"),
  requestKey: requestKeySchema.optional(),
});
export type RequestPayoutInput = z.input<typeof requestPayoutSchema>;

export const PAYOUT_ACTIONS = ["approve", "reject", "markPaid"] as const;
export type PayoutAction = (typeof PAYOUT_ACTIONS)[number];

/** A staff decision; rejecting needs a reason the creator reads, approving a held payout a note. */
export const decidePayoutSchema = z
  .strictObject({
    action: z.enum(PAYOUT_ACTIONS, { error: "distribution.payout.action" }),
    reason: z.string({ error: "distribution.payout.reason" }).trim().max(500, "distribution.payout.reason").optional(),
  })
  .refine((v) => v.action !== "reject" || (v.reason ?? "").length > 0, { message: "distribution.payout.reason", path: ["reason"] });
export type DecidePayoutInput = z.input<typeof decidePayoutSchema>;

export const listPayoutsQuerySchema = z.strictObject({
  status: z.enum(PAYOUT_STATUSES, { error: "distribution.payout.status" }).optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1, "validation.tooSmall").max(100, "validation.tooBig").optional(),
});
export type ListPayoutsQuery = z.input<typeof listPayoutsQuerySchema>;

export const payoutViewSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  owner: z.object({ id: z.uuid(), handle: z.string(), displayName: z.string() }).nullable().describe("The member who requested it; null for an MCN's payout."),
  mcn: z.object({ id: z.uuid(), name: z.string() }).nullable().describe("The MCN whose share is paid out; null for a member's payout."),
  amountCents: z.number().int(),
  status: z.enum(PAYOUT_STATUSES),
  reason: z.string().nullable(),
  heldForReview: z.boolean().describe("The owner has an open fraud flag: staff must look before paying."),
  requestedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  paidAt: z.iso.datetime().nullable(),
});
export type PayoutView = z.input<typeof payoutViewSchema>;

export const PAYOUT_SETTINGS_KEY = "distribution.payouts";
export const payoutSettingsSchema = z.object({ minimumCents: z.number().int().min(1).max(MAX_PAYOUT_CENTS) });
export type PayoutSettings = z.output<typeof payoutSettingsSchema>;
/** The default minimum withdrawal: ¥50. */
export const DEFAULT_PAYOUT_SETTINGS: PayoutSettings = { minimumCents: 5_000 };
