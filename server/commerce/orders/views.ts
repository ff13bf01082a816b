import { alias } from "drizzle-orm/pg-core";
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { externalStores, orderLines, orders, paymentAttempts, products, users, type OrderKind, type OrderStatus } from "../../../db/schema";
import { imageUrls } from "../products/views";
import type { OrderView } from "./schemas";

const buyers = alias(users, "buyer");
const creators = alias(users, "creator");

/**
 * Orders with their lines, as buyers and staff see them. `staff` decides whether the attribution
 * (whose link it came through) is shown: a buyer has no business knowing it.
 */
export async function orderViews(db: Queryable, where: SQL | undefined, options: { limit: number; staff: boolean }): Promise<OrderView[]> {
  const rows = await db
    .select({
      order: orders,
      buyerHandle: buyers.handle,
      buyerName: buyers.displayName,
      creatorHandle: creators.handle,
      creatorName: creators.displayName,
      storeSlug: externalStores.slug,
      storeName: externalStores.name,
    })
    .from(orders)
    .leftJoin(buyers, eq(buyers.id, orders.buyerId))
    .leftJoin(creators, eq(creators.id, orders.creatorId))
    .leftJoin(externalStores, eq(externalStores.id, orders.storeId))
    .where(where)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(options.limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.order.id);
  const [lines, failures] = await Promise.all([
    db
      .select({ line: orderLines, images: products.imageUploadIds })
      .from(orderLines)
      .leftJoin(products, eq(products.id, orderLines.productId))
      .where(inArray(orderLines.orderId, ids))
      .orderBy(orderLines.orderId, orderLines.id),
    db
      .selectDistinctOn([paymentAttempts.orderId], { orderId: paymentAttempts.orderId, status: paymentAttempts.status, error: paymentAttempts.error })
      .from(paymentAttempts)
      .where(inArray(paymentAttempts.orderId, ids))
      .orderBy(paymentAttempts.orderId, desc(paymentAttempts.createdAt)),
  ]);
  const urls = await imageUrls(db, lines.map((l) => l.images?.[0]).filter((id): id is string => Boolean(id)));
  const lastFailure = new Map(failures.map((f) => [f.orderId, f.status === "failed" ? f.error : null]));
  return rows.map(({ order, ...r }) => ({
    id: order.id,
    number: order.number,
    kind: order.kind as OrderKind,
    source: order.source,
    status: order.status as OrderStatus,
    totalCents: order.totalCents,
    refundedCents: order.refundedCents,
    buyer: order.buyerId && r.buyerHandle ? { id: order.buyerId, handle: r.buyerHandle, displayName: r.buyerName ?? r.buyerHandle } : null,
    creator: options.staff && order.creatorId && r.creatorHandle ? { id: order.creatorId, handle: r.creatorHandle, displayName: r.creatorName ?? r.creatorHandle } : null,
    linkId: options.staff ? order.linkId : null,
    store: r.storeSlug ? { slug: r.storeSlug, name: r.storeName ?? r.storeSlug } : null,
    externalOrderId: order.externalOrderId,
    membershipPlanId: order.membershipPlanId,
    lines: lines
      .filter((l) => l.line.orderId === order.id)
      .map(({ line, images }) => ({
        id: line.id,
        productId: line.productId,
        title: line.title,
        coverUrl: images?.[0] ? (urls.get(images[0]) ?? null) : null,
        unitPriceCents: line.unitPriceCents,
        quantity: line.quantity,
        lineTotalCents: line.lineTotalCents,
        commissionRateBp: line.commissionRateBp,
        refundedCents: line.refundedCents,
      })),
    paidAt: order.paidAt?.toISOString() ?? null,
    confirmableAt: order.confirmableAt?.toISOString() ?? null,
    confirmedAt: order.confirmedAt?.toISOString() ?? null,
    cancelledAt: order.cancelledAt?.toISOString() ?? null,
    expiresAt: order.status === "pending" ? (order.expiresAt?.toISOString() ?? null) : null,
    createdAt: order.createdAt.toISOString(),
    lastPaymentError: order.status === "pending" ? (lastFailure.get(order.id) ?? null) : null,
  }));
}

export async function orderViewById(db: Queryable, id: string, staff: boolean): Promise<OrderView | null> {
  const [view] = await orderViews(db, and(eq(orders.id, id)), { limit: 1, staff });
  return view ?? null;
}
