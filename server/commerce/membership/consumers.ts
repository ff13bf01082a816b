import { z } from "zod";
import { ORDER_PAID, ORDER_REFUNDED } from "../events";
import { defineConsumer, type Consumer } from "../../jobs/consumer";
import { cancelMembershipForOrder, startMembership } from "./start-membership";

const paidSchema = z.looseObject({
  orderId: z.uuid(),
  kind: z.enum(["product", "membership"]),
  buyerId: z.uuid().nullable(),
  membershipPlanId: z.uuid().nullable(),
  paidAt: z.string(),
});
const refundedSchema = z.looseObject({ orderId: z.uuid(), full: z.boolean(), refundedAt: z.string() });

/**
 * Memberships follow their orders: a paid membership order starts (or renews) a period; a full refund
 * cancels it. One consumer for both, so a paid event and its refund are handled in the order they
 * happened.
 */
export const membershipsFromOrders = defineConsumer({
  name: "commerce.membershipsFromOrders",
  events: [ORDER_PAID, ORDER_REFUNDED],
  async handle(tx, event, ctx) {
    const now = ctx.clock.now();
    if (event.type === ORDER_PAID) {
      const p = paidSchema.parse(event.payload);
      if (p.kind !== "membership" || !p.buyerId || !p.membershipPlanId) return;
      await startMembership(tx, { orderId: p.orderId, userId: p.buyerId, planId: p.membershipPlanId, paidAt: new Date(p.paidAt), now });
      return;
    }
    const p = refundedSchema.parse(event.payload);
    if (!p.full) return;
    await cancelMembershipForOrder(tx, { orderId: p.orderId, at: new Date(p.refundedAt), now });
  },
});

/** Outbox consumers of memberships (registered in server/jobs/consumers.ts). */
export const membershipConsumers: Consumer[] = [membershipsFromOrders];
