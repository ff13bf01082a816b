import { z } from "zod";
import { ORDER_PAID, ORDER_REFUNDED } from "../../commerce/events";
import { defineConsumer, type Consumer } from "../../jobs/consumer";
import { detectRefundRate, detectSelfPurchase } from "./detect-signals";

const paidSchema = z.looseObject({ orderId: z.uuid(), buyerId: z.uuid().nullable(), visitorId: z.string().nullable(), paidAt: z.string() });
const refundedSchema = z.looseObject({ creatorId: z.uuid().nullable(), refundedAt: z.string() });

/** Fraud signals from orders: a self-purchase attempt on payment, the creator's refund rate on each refund. */
export const fraudFromOrders = defineConsumer({
  name: "distribution.fraudFromOrders",
  events: [ORDER_PAID, ORDER_REFUNDED],
  async handle(tx, event, ctx) {
    const now = ctx.clock.now();
    if (event.type === ORDER_PAID) {
      const p = paidSchema.parse(event.payload);
      if (!p.buyerId) return;
      await detectSelfPurchase(tx, { orderId: p.orderId, buyerId: p.buyerId, visitorId: p.visitorId, paidAt: new Date(p.paidAt), now });
      return;
    }
    const p = refundedSchema.parse(event.payload);
    if (!p.creatorId) return;
    await detectRefundRate(tx, { creatorId: p.creatorId, at: new Date(p.refundedAt), now });
  },
});

/** Outbox consumers of the fraud signals (registered in server/jobs/consumers.ts). */
export const fraudConsumers: Consumer[] = [fraudFromOrders];
