import crypto from "node:crypto";
import type { Queryable } from "../../db/client";
import { distributionLinks, orderLines, orders, refunds } from "../../db/schema";
import { ORDER_CONFIRMED, ORDER_PAID, ORDER_REFUNDED, type OrderPaidPayload, type OrderRefundedPayload } from "../../server/commerce/events";
import { emitEvent } from "../../server/jobs/emit-event";
import { createTestProduct } from "./commerce";

/*
 * Orders and their commerce events straight in the database, for the commission pipeline's tests: the
 * rows commerce would have written and the events it would have emitted with them, so the pipeline is
 * exercised from the outbox on without the shop in between. The rows stay as written (paid, nothing
 * refunded or confirmed on them): the demo seed goes through the shop instead.
 */

const base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const code = () => Array.from(crypto.randomBytes(10), (b) => base58[b % 58]).join("");

/** A live product link of `creatorId` (a product is created unless one is given). */
export async function createTestLink(db: Queryable, creatorId: string, options: { productId?: string; title?: string; commissionRateBp?: number; priceCents?: number; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const productId =
    options.productId ??
    (await createTestProduct(db, { title: options.title ?? "玻尿酸保湿精华 30ml", commissionRateBp: options.commissionRateBp ?? 1_000, priceCents: options.priceCents ?? 12_900, now })).id;
  const [link] = await db.insert(distributionLinks).values({ code: code(), creatorId, targetType: "product", productId, createdAt: now }).returning();
  return { link: link!, productId };
}

export interface TestLine {
  productId: string | null;
  title?: string;
  unitPriceCents: number;
  quantity?: number;
  commissionRateBp: number;
}

/**
 * A paid order (its row, its lines) and the `commerce.order.paid` event in one transaction, attributed
 * to `creatorId` through `linkId` unless they are null. Returns the payload as emitted.
 */
export async function createPaidOrder(
  db: Queryable & { transaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T> },
  options: { buyerId: string | null; creatorId: string | null; linkId: string | null; lines: TestLine[]; paidAt: Date; holdDays?: number },
): Promise<OrderPaidPayload> {
  const confirmableAt = new Date(options.paidAt.getTime() + (options.holdDays ?? 7) * 86_400_000);
  return db.transaction(async (tx) => {
    const lines = options.lines.map((l) => ({ ...l, quantity: l.quantity ?? 1, title: l.title ?? "玻尿酸保湿精华 30ml" }));
    const total = lines.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0);
    const [order] = await tx
      .insert(orders)
      .values({
        number: `SB${options.paidAt.toISOString().slice(0, 10).replaceAll("-", "")}-${crypto.randomBytes(4).toString("hex").toUpperCase()}`,
        kind: "product",
        source: "shop",
        buyerId: options.buyerId,
        status: "paid",
        totalCents: total,
        linkId: options.linkId,
        creatorId: options.creatorId,
        paidAt: options.paidAt,
        confirmableAt,
        createdAt: options.paidAt,
        updatedAt: options.paidAt,
      })
      .returning();
    const inserted = await tx
      .insert(orderLines)
      .values(
        lines.map((l) => ({
          orderId: order!.id,
          productId: l.productId,
          title: l.title,
          unitPriceCents: l.unitPriceCents,
          quantity: l.quantity,
          lineTotalCents: l.unitPriceCents * l.quantity,
          commissionRateBp: l.commissionRateBp,
        })),
      )
      .returning();
    const payload: OrderPaidPayload = {
      orderId: order!.id,
      orderNumber: order!.number,
      kind: "product",
      source: "shop",
      buyerId: options.buyerId,
      linkId: options.linkId,
      creatorId: options.creatorId,
      visitorId: null,
      membershipPlanId: null,
      totalCents: total,
      paidAt: options.paidAt.toISOString(),
      confirmableAt: confirmableAt.toISOString(),
      lines: inserted.map((l) => ({
        lineId: l.id,
        productId: l.productId,
        title: l.title,
        quantity: l.quantity,
        lineTotalCents: l.lineTotalCents,
        commissionRateBp: l.commissionRateBp,
      })),
    };
    await emitEvent(tx, { type: ORDER_PAID, payload, occurredAt: options.paidAt });
    return payload;
  });
}

/** A refund row and its `commerce.order.refunded` event: `perLine` cents off each line, in the order's line order. */
export async function refundOrder(
  db: Queryable & { transaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T> },
  order: OrderPaidPayload,
  options: { perLine: number[]; refundedBeforeCents?: number; at: Date; full?: boolean },
): Promise<OrderRefundedPayload> {
  return db.transaction(async (tx) => {
    const amount = options.perLine.reduce((a, b) => a + b, 0);
    const [refund] = await tx
      .insert(refunds)
      .values({ orderId: order.orderId, amountCents: amount, idempotencyKey: `refund:${order.orderId}:${crypto.randomUUID()}`, createdAt: options.at })
      .returning();
    const refundedTotal = (options.refundedBeforeCents ?? 0) + amount;
    const payload: OrderRefundedPayload = {
      orderId: order.orderId,
      refundId: refund!.id,
      buyerId: order.buyerId,
      creatorId: order.creatorId,
      amountCents: amount,
      refundedTotalCents: refundedTotal,
      totalCents: order.totalCents,
      full: options.full ?? refundedTotal >= order.totalCents,
      lines: order.lines.map((l, i) => ({ lineId: l.lineId, refundedCents: options.perLine[i] ?? 0 })).filter((l) => l.refundedCents > 0),
      refundedAt: options.at.toISOString(),
    };
    await emitEvent(tx, { type: ORDER_REFUNDED, payload, occurredAt: options.at });
    return payload;
  });
}

/** The `commerce.order.confirmed` event the holding-period job emits. */
export async function confirmOrder(db: Queryable, order: OrderPaidPayload, at: Date): Promise<void> {
  await emitEvent(db, {
    type: ORDER_CONFIRMED,
    payload: { orderId: order.orderId, buyerId: order.buyerId, creatorId: order.creatorId, confirmedAt: at.toISOString() },
    occurredAt: at,
  });
}
