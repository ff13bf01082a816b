import { eq } from "drizzle-orm";
import { z } from "zod";
import { journalEntries } from "../../../db/schema";
import { ORDER_CONFIRMED, ORDER_PAID, ORDER_REFUNDED } from "../../commerce/events";
import { defineConsumer } from "../../jobs/consumer";
import { awardPoints } from "./award-points";
import { confirmPendingPoints, reversePoints } from "./pending-points";

const purchaseKey = (orderId: string) => `points:order:${orderId}:purchase`;

const paidSchema = z.looseObject({ orderId: z.uuid(), orderNumber: z.string(), buyerId: z.uuid().nullable(), totalCents: z.number().int(), paidAt: z.iso.datetime({ offset: true }) });
const confirmedSchema = z.looseObject({ orderId: z.uuid(), confirmedAt: z.iso.datetime({ offset: true }) });
const refundedSchema = z.looseObject({
  orderId: z.uuid(),
  refundId: z.uuid(),
  full: z.boolean(),
  refundedTotalCents: z.number().int().min(0),
  totalCents: z.number().int().min(0),
  refundedAt: z.iso.datetime({ offset: true }),
});

/**
 * Purchase points (购物积分) live the order's life, as commission does:
 * - paid: the buyer earns the `purchase` rule per whole ¥1 paid, pending (`points:order:<orderId>:purchase`);
 * - confirmed (the holding period ended): the pending points become spendable (confirmPendingPoints);
 * - refunded, before or after confirmation: a partial refund takes back the refunded share of the
 *   points (rounded down), the full refund whatever is left (reversePoints, `reversal:refund:<refundId>:points`).
 * Each step is keyed, so redelivered and racing events change nothing twice; a confirmation and a
 * refund racing queue on the award's entry row (see pending-points.ts).
 */
export const purchasePoints = defineConsumer({
  name: "gamification.purchasePoints",
  events: [ORDER_PAID, ORDER_CONFIRMED, ORDER_REFUNDED],
  async handle(tx, event, ctx) {
    const now = ctx.clock.now();
    const timeZone = ctx.config.platformTimeZone;
    if (event.type === ORDER_PAID) {
      const p = paidSchema.parse(event.payload);
      const units = Math.floor(p.totalCents / 100);
      if (!p.buyerId || units <= 0) return;
      const paidAt = new Date(p.paidAt);
      await awardPoints(tx, {
        userId: p.buyerId,
        ruleKey: "purchase",
        units,
        idempotencyKey: purchaseKey(p.orderId),
        occurredAt: paidAt,
        now,
        timeZone,
        sourceEventId: event.id,
        pending: true,
        memo: { orderId: p.orderId, orderNumber: p.orderNumber },
      });
      return;
    }
    const orderId = event.type === ORDER_CONFIRMED ? confirmedSchema.parse(event.payload).orderId : refundedSchema.parse(event.payload).orderId;
    const [award] = await tx.select({ id: journalEntries.id }).from(journalEntries).where(eq(journalEntries.idempotencyKey, purchaseKey(orderId)));
    if (!award) return;
    if (event.type === ORDER_CONFIRMED) {
      await confirmPendingPoints(tx, { entryId: award.id, now, timeZone });
      return;
    }
    const p = refundedSchema.parse(event.payload);
    await reversePoints(tx, {
      entryId: award.id,
      idempotencyKey: `reversal:refund:${p.refundId}:points`,
      now,
      memo: { orderId, refundId: p.refundId },
      // A partial refund takes back its share of the points; the full refund, whatever is left.
      share: p.full ? undefined : { refundedCents: p.refundedTotalCents, totalCents: p.totalCents },
    });
  },
});
