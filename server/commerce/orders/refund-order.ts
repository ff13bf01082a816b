import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { orderLines, orders, refunds } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { AppError } from "../../shared/errors";
import { ORDER_REFUNDED, type OrderRefundedPayload } from "../events";
import { isUuid } from "../products/schemas";
import { MANAGE_PRODUCTS } from "../products/save-product";
import type { OrderRow } from "./mark-paid";
import { splitRefund } from "./rules";
import { refundOrderSchema, type OrderView, type RefundOrderInput } from "./schemas";
import { orderViewById } from "./views";

/** Orders money has been taken for and not all of it given back. */
const REFUNDABLE = new Set(["paid", "confirmed", "partially_refunded"]);

export interface RefundResult {
  order: OrderView;
  /** True when the request key had refunded before: that refund is the answer, nothing new happened. */
  replayed: boolean;
}

/**
 * Gives back `amountCents` of a locked order, spread over its lines by `splitRefund` (largest
 * remainder), and emits `commerce.order.refunded` with each line's share — in the caller's
 * transaction. The refund row's unique idempotency key makes a second application impossible;
 * the table CHECKs keep every refunded total within its line's and the order's total.
 *
 * The caller holds the order's row lock (so a refund and the confirmation job never interleave) and
 * has checked 0 < amount ≤ total − refunded.
 */
export async function applyRefundIn(
  tx: Queryable,
  order: OrderRow,
  args: { amountCents: number; idempotencyKey: string; reason: string; actorId: string | null; at: Date },
): Promise<OrderRow> {
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(orderLines.id);
  const shares = splitRefund(
    lines.map((l) => ({ lineId: l.id, remainingCents: l.lineTotalCents - l.refundedCents })),
    args.amountCents,
  );
  const [refund] = await tx
    .insert(refunds)
    .values({ orderId: order.id, amountCents: args.amountCents, reason: args.reason, idempotencyKey: args.idempotencyKey, actorId: args.actorId, createdAt: args.at })
    .returning({ id: refunds.id });
  for (const share of shares) {
    if (share.refundedCents === 0) continue;
    await tx
      .update(orderLines)
      .set({ refundedCents: sql`${orderLines.refundedCents} + ${share.refundedCents}` })
      .where(eq(orderLines.id, share.lineId));
  }
  const refundedTotal = order.refundedCents + args.amountCents;
  const full = refundedTotal === order.totalCents;
  const [after] = await tx
    .update(orders)
    .set({ refundedCents: refundedTotal, status: full ? "refunded" : "partially_refunded", updatedAt: args.at })
    .where(eq(orders.id, order.id))
    .returning();
  const payload: OrderRefundedPayload = {
    orderId: order.id,
    refundId: refund!.id,
    buyerId: order.buyerId,
    creatorId: order.creatorId,
    amountCents: args.amountCents,
    refundedTotalCents: refundedTotal,
    totalCents: order.totalCents,
    full,
    lines: shares,
    refundedAt: args.at.toISOString(),
  };
  await emitEvent(tx, { type: ORDER_REFUNDED, payload, occurredAt: args.at });
  return after!;
}

/**
 * Staff refund a paid order in full (no amount) or in part. A caller's key (Idempotency-Key header or
 * `requestKey`) makes a retried refund happen once: the same key answers with the order as that
 * refund left it (`replayed`); the same key with another amount is refused. More than is left to
 * refund is a 422 on `amountCents`, and nothing changes.
 */
export async function refundOrder(
  ctx: Pick<AppContext, "db" | "clock">,
  staff: CurrentUser,
  orderId: string,
  input: RefundOrderInput,
  options: { idempotencyKey?: string | null } = {},
): Promise<RefundResult> {
  requirePermission(staff, MANAGE_PRODUCTS);
  const data = parseInput(refundOrderSchema, input);
  const headerKey = options.idempotencyKey?.trim() || undefined;
  if (headerKey !== undefined && !/^[\w.:-]{8,100}$/.test(headerKey)) {
    throw new AppError("VALIDATION_FAILED", "commerce.refund.requestKey", { fields: { "Idempotency-Key": ["commerce.refund.requestKey"] } });
  }
  if (!isUuid(orderId)) throw new AppError("NOT_FOUND", "commerce.order.notFound");
  const key = `refund:${orderId}:${headerKey ?? data.requestKey ?? randomUUID()}`;
  const replayed = await ctx.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!order) throw new AppError("NOT_FOUND", "commerce.order.notFound");
    const [earlier] = await tx.select({ amountCents: refunds.amountCents }).from(refunds).where(eq(refunds.idempotencyKey, key));
    if (earlier) {
      if (data.amountCents !== undefined && earlier.amountCents !== data.amountCents) throw new AppError("CONFLICT", "commerce.refund.requestKeyReused");
      return true;
    }
    if (!REFUNDABLE.has(order.status)) throw new AppError("CONFLICT", "commerce.refund.notRefundable");
    const left = order.totalCents - order.refundedCents;
    const amount = data.amountCents ?? left;
    if (amount > left) {
      throw new AppError("VALIDATION_FAILED", "commerce.refund.tooMuch", { fields: { amountCents: ["commerce.refund.tooMuch"] } });
    }
    await applyRefundIn(tx, order, { amountCents: amount, idempotencyKey: key, reason: data.reason, actorId: staff.id, at: ctx.clock.now() });
    return false;
  });
  return { order: (await orderViewById(ctx.db, orderId, true))!, replayed };
}
