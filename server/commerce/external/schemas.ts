import { z } from "zod";
import { idSchema } from "../products/schemas";

/** Inputs of external stores and their order webhook. Messages are keys of server/shared/messages/commerce.ts. */

const text = () => z.string({ error: (issue) => (issue.input === undefined ? "validation.required" : undefined) });
const cents = (message: string) => z.number({ error: message }).int(message).min(0, message).max(10_000_000_000, message);

export const createStoreSchema = z.strictObject({
  slug: text()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, "commerce.store.slug"),
  name: text().trim().min(1, "commerce.store.name").max(60, "commerce.store.name"),
});
export type CreateStoreInput = z.input<typeof createStoreSchema>;

export const EXTERNAL_ORDER_STATUSES = ["paid", "refunded", "partially_refunded"] as const;

/**
 * What a store reports about one of its orders, each time it changes. Deliveries may repeat and
 * arrive in any order: `refundedCents` is the order's refunded total so far (not this refund's
 * amount), so the latest state can always be worked out from whichever deliveries arrived.
 */
export const externalOrderSchema = z
  .strictObject({
    externalOrderId: text().trim().min(1, "commerce.external.orderId").max(100, "commerce.external.orderId"),
    status: z.enum(EXTERNAL_ORDER_STATUSES, { error: "commerce.external.status" }),
    totalCents: cents("commerce.external.total"),
    refundedCents: cents("commerce.external.refunded").default(0),
    lines: z
      .array(
        z.strictObject({
          /** A Seedbed product id, when the store sells one of ours: its commission rate applies. */
          productId: idSchema.optional(),
          title: text().trim().min(1, "commerce.external.lineTitle").max(120, "commerce.external.lineTitle"),
          quantity: z.number({ error: "commerce.order.quantity" }).int("commerce.order.quantity").min(1, "commerce.order.quantity").max(10_000, "commerce.order.quantity"),
          unitPriceCents: cents("commerce.external.price"),
        }),
        { error: "commerce.external.lines" },
      )
      .min(1, "commerce.external.lines")
      .max(50, "commerce.external.lines"),
    /** The buyer, when the store knows them as a Seedbed member (account id or email). */
    buyer: z.strictObject({ userId: idSchema.optional(), email: z.email("validation.email.format").optional() }).optional(),
    /** The Seedbed visitor id the store received on its landing URL, for attribution. */
    visitorId: z.string().regex(/^[\w-]{8,64}$/, "commerce.external.visitorId").optional(),
    /** When the buyer placed the order (attribution is decided as of then); defaults to occurredAt. */
    placedAt: z.iso.datetime({ offset: true, error: "commerce.external.instant" }).optional(),
    /** When this change happened at the store. */
    occurredAt: z.iso.datetime({ offset: true, error: "commerce.external.instant" }),
  })
  .refine((o) => o.lines.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0) === o.totalCents, { message: "commerce.external.totalMismatch", path: ["totalCents"] })
  .refine((o) => o.refundedCents <= o.totalCents, { message: "commerce.external.refundedTooMuch", path: ["refundedCents"] })
  .refine((o) => o.status !== "refunded" || o.refundedCents === o.totalCents, { message: "commerce.external.refundedTotal", path: ["refundedCents"] })
  .refine((o) => o.status !== "partially_refunded" || (o.refundedCents > 0 && o.refundedCents < o.totalCents), {
    message: "commerce.external.partialAmount",
    path: ["refundedCents"],
  });
export type ExternalOrderInput = z.input<typeof externalOrderSchema>;

export const storeViewSchema = z.object({ id: z.uuid(), slug: z.string(), name: z.string(), createdAt: z.string() });
export type StoreView = z.input<typeof storeViewSchema>;
