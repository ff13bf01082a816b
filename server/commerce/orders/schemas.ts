import { z } from "zod";
import { ORDER_KINDS, ORDER_STATUSES } from "../../../db/schema";
import { idSchema } from "../products/schemas";

/**
 * Inputs and views of orders (the built-in shop and external stores' orders), shared by the web
 * forms, the API and the demo seed. Messages are keys of server/shared/messages/commerce.ts.
 */

const text = () => z.string({ error: (issue) => (issue.input === undefined ? "validation.required" : undefined) });
const int = (message: string) => z.number({ error: message }).int(message);

/** At most this many units of one product in one order. */
export const MAX_QUANTITY = 99;

/** One product and a quantity, or one membership plan (bought through the same order flow). */
export const createOrderSchema = z.union(
  [
    z.strictObject({
      productId: idSchema,
      quantity: int("commerce.order.quantity").min(1, "commerce.order.quantity").max(MAX_QUANTITY, "commerce.order.quantity").default(1),
    }),
    z.strictObject({ membershipPlanId: idSchema }),
  ],
  { error: "commerce.order.what" },
);
export type CreateOrderInput = z.input<typeof createOrderSchema>;

/** A caller's retry key: the same key refunds once. */
export const requestKeySchema = text().trim().min(8, "commerce.refund.requestKey").max(100, "commerce.refund.requestKey").regex(/^[\w.:-]+$/, "commerce.refund.requestKey");

export const refundOrderSchema = z.strictObject({
  /** Cents to give back; absent = everything not yet refunded. */
  amountCents: int("commerce.refund.amount").min(1, "commerce.refund.amount").optional(),
  reason: text().trim().min(1, "commerce.refund.reason").max(500, "commerce.refund.reason"),
  /** Same as the Idempotency-Key header, for forms that can't set headers. */
  requestKey: requestKeySchema.optional(),
});
export type RefundOrderInput = z.input<typeof refundOrderSchema>;

export const listOrdersQuerySchema = z.strictObject({
  status: z.enum(ORDER_STATUSES, { error: "validation.invalid" }).optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(100).default(30),
  /** Staff: orders before this one (its `createdAt|id` cursor from the previous page). */
  cursor: z.string().max(200).optional(),
});
export type ListOrdersQuery = z.input<typeof listOrdersQuerySchema>;

export const holdingSettingsSchema = z.strictObject({
  holdingDays: z.coerce.number({ error: "commerce.holding.days" }).int("commerce.holding.days").min(0, "commerce.holding.days").max(90, "commerce.holding.days"),
});
export type HoldingSettings = z.output<typeof holdingSettingsSchema>;
export const HOLDING_SETTINGS_KEY = "commerce.holding";
export const DEFAULT_HOLDING_SETTINGS: HoldingSettings = { holdingDays: 7 };

// ---- views ----

const userSummary = z.object({ id: z.uuid(), handle: z.string(), displayName: z.string() });

export const orderLineViewSchema = z.object({
  id: z.uuid(),
  productId: z.uuid().nullable(),
  title: z.string(),
  coverUrl: z.string().nullable(),
  unitPriceCents: z.number().int(),
  quantity: z.number().int(),
  lineTotalCents: z.number().int(),
  commissionRateBp: z.number().int(),
  refundedCents: z.number().int(),
});

export const orderViewSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: z.enum(ORDER_KINDS),
  source: z.enum(["shop", "external"]),
  status: z.enum(ORDER_STATUSES),
  totalCents: z.number().int(),
  refundedCents: z.number().int(),
  buyer: userSummary.nullable(),
  /** Whose link the order came through; shown to staff only (null for everyone else). */
  creator: userSummary.nullable(),
  linkId: z.uuid().nullable(),
  store: z.object({ slug: z.string(), name: z.string() }).nullable(),
  externalOrderId: z.string().nullable(),
  membershipPlanId: z.uuid().nullable(),
  lines: z.array(orderLineViewSchema),
  paidAt: z.string().nullable(),
  confirmableAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  /** A pending order is cancelled (and its stock returned) if not paid by then. */
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  /** The last payment attempt's failure, so the buyer sees why it didn't go through. */
  lastPaymentError: z.string().nullable(),
});
export type OrderView = z.input<typeof orderViewSchema>;
export type OrderLineView = z.input<typeof orderLineViewSchema>;
