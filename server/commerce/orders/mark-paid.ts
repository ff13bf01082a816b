import { eq } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { orderLines, orders } from "../../../db/schema";
import { emitEvent } from "../../jobs/emit-event";
import { readSetting } from "../../ops";
import { ORDER_PAID, type OrderPaidPayload } from "../events";
import { confirmableAtOf } from "./rules";
import { DEFAULT_HOLDING_SETTINGS, HOLDING_SETTINGS_KEY, holdingSettingsSchema } from "./schemas";

export type OrderRow = typeof orders.$inferSelect;

/** The staff-editable holding period (days between payment and confirmation). */
export async function readHoldingSettings(db: Queryable) {
  return readSetting(db, HOLDING_SETTINGS_KEY, holdingSettingsSchema, DEFAULT_HOLDING_SETTINGS);
}

/**
 * Marks a locked order paid at `paidAt` and emits `commerce.order.paid` with everything commission,
 * purchase points and memberships need (attribution, lines, rates) — in the caller's transaction, so
 * the event exists exactly when the payment does. The holding period is read now and fixed on the
 * order: changing the setting later doesn't move orders already paid.
 *
 * The caller holds the order's row lock and has checked it is not paid yet.
 */
export async function markPaidIn(tx: Queryable, order: OrderRow, paidAt: Date, now: Date): Promise<OrderRow> {
  const { holdingDays } = await readHoldingSettings(tx);
  const confirmableAt = confirmableAtOf(paidAt, holdingDays);
  const [paid] = await tx
    .update(orders)
    .set({ status: "paid", paidAt, confirmableAt, expiresAt: null, updatedAt: now })
    .where(eq(orders.id, order.id))
    .returning();
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(orderLines.id);
  const payload: OrderPaidPayload = {
    orderId: order.id,
    orderNumber: order.number,
    kind: order.kind,
    source: order.source,
    buyerId: order.buyerId,
    linkId: order.linkId,
    creatorId: order.creatorId,
    visitorId: order.visitorId,
    membershipPlanId: order.membershipPlanId,
    totalCents: order.totalCents,
    paidAt: paidAt.toISOString(),
    confirmableAt: confirmableAt.toISOString(),
    lines: lines.map((l) => ({
      lineId: l.id,
      productId: l.productId,
      title: l.title,
      quantity: l.quantity,
      lineTotalCents: l.lineTotalCents,
      commissionRateBp: l.commissionRateBp,
    })),
  };
  await emitEvent(tx, { type: ORDER_PAID, payload, occurredAt: paidAt });
  return paid!;
}
