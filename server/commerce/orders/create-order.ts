import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { membershipPlans, orderLines, orders, products } from "../../../db/schema";
import type { AppContext } from "../../context";
import { resolveAttribution } from "../../distribution/attribution/resolve-attribution";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { localDate } from "../../shared/clock";
import { AppError, isUniqueViolation, pgConstraint } from "../../shared/errors";
import { isUuid } from "../products/schemas";
import { orderNumberOf } from "./rules";
import { createOrderSchema, type CreateOrderInput, type OrderView } from "./schemas";
import { orderViewById } from "./views";

/** How long a pending order holds its stock before the expiry job cancels it and puts the units back. */
export const PENDING_ORDER_MINUTES = 30;

export interface CreateOrderOptions {
  /**
   * The first-party visitor id from the attribution cookie (the route reads it), so a click made
   * before signing in still credits its creator.
   */
  visitorId?: string | null;
}

/**
 * A member places an order for one product and a quantity, or for a membership plan (the membership
 * purchase calls this with `{ membershipPlanId }`). In one transaction:
 *
 * 1. Stock drops in one conditional UPDATE (`stock >= quantity` in its WHERE): of 100 buyers racing
 *    for the last 5 units, the first 5 to reach the row win and the rest update nothing — no
 *    read-then-write, and the table's CHECK keeps stock ≥ 0 besides. The units are held while the
 *    order is pending and come back if it expires unpaid.
 * 2. Price, title and commission rate are copied onto the line: later catalogue edits don't touch
 *    placed orders. A membership line earns no commission (rate 0).
 * 3. Attribution is decided now — the last counted click within the window from this visitor or any
 *    visitor bound to the buyer, never the buyer's own link — and kept on the order, so payment,
 *    refunds and confirmation all credit the same creator.
 */
export async function createOrder(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  buyer: CurrentUser,
  input: CreateOrderInput,
  options: CreateOrderOptions = {},
): Promise<OrderView> {
  requirePermission(buyer, "create:order:own");
  const data = parseInput(createOrderSchema, input);
  const visitorId = options.visitorId && /^[\w-]{8,64}$/.test(options.visitorId) ? options.visitorId : null;
  const now = ctx.clock.now();
  // A clash of random order numbers is vanishingly rare; when it happens, a fresh number is all it takes.
  for (let attempt = 0; ; attempt++) {
    try {
      const id = await ctx.db.transaction((tx) => placeIn(tx, { buyer, data, visitorId, now, day: localDate(now, ctx.config.platformTimeZone) }));
      return (await orderViewById(ctx.db, id, false))!;
    } catch (e) {
      if (attempt < 3 && isUniqueViolation(e) && pgConstraint(e) === "orders_number_key") continue;
      throw e;
    }
  }
}

interface PlaceArgs {
  buyer: CurrentUser;
  data: ReturnType<typeof createOrderSchema.parse>;
  visitorId: string | null;
  now: Date;
  day: string;
}

async function placeIn(tx: Transaction, args: PlaceArgs): Promise<string> {
  const { buyer, data, visitorId, now } = args;
  let line: { productId: string | null; title: string; unitPriceCents: number; quantity: number; commissionRateBp: number };
  let membershipPlanId: string | null = null;

  if ("productId" in data) {
    if (!isUuid(data.productId)) throw new AppError("NOT_FOUND", "commerce.product.notFound");
    const [product] = await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${data.quantity}`, soldCount: sql`${products.soldCount} + ${data.quantity}`, updatedAt: now })
      .where(and(eq(products.id, data.productId), eq(products.status, "active"), sql`${products.stock} >= ${data.quantity}`))
      .returning({ id: products.id, title: products.title, priceCents: products.priceCents, commissionRateBp: products.commissionRateBp });
    if (!product) {
      const [exists] = await tx.select({ status: products.status }).from(products).where(eq(products.id, data.productId));
      if (!exists || exists.status !== "active") throw new AppError("NOT_FOUND", "commerce.product.notFound");
      throw new AppError("CONFLICT", "commerce.order.soldOut", { fields: { quantity: ["commerce.order.soldOut"] } });
    }
    line = { productId: product.id, title: product.title, unitPriceCents: product.priceCents, quantity: data.quantity, commissionRateBp: product.commissionRateBp };
  } else {
    const [plan] = await tx
      .select({ id: membershipPlans.id, nameZh: membershipPlans.nameZh, priceCents: membershipPlans.priceCents })
      .from(membershipPlans)
      .where(and(eq(membershipPlans.id, data.membershipPlanId), eq(membershipPlans.active, "active")));
    if (!plan) throw new AppError("NOT_FOUND", "commerce.membership.planNotFound");
    membershipPlanId = plan.id;
    line = { productId: null, title: plan.nameZh, unitPriceCents: plan.priceCents, quantity: 1, commissionRateBp: 0 };
  }

  const attribution = await resolveAttribution(tx, { buyerId: buyer.id, visitorId, at: now });
  const total = line.unitPriceCents * line.quantity;
  const [order] = await tx
    .insert(orders)
    .values({
      number: orderNumberOf(args.day),
      kind: membershipPlanId ? "membership" : "product",
      source: "shop",
      buyerId: buyer.id,
      membershipPlanId,
      status: "pending",
      totalCents: total,
      linkId: attribution?.linkId ?? null,
      creatorId: attribution?.creatorId ?? null,
      visitorId: attribution?.visitorId ?? visitorId,
      expiresAt: new Date(now.getTime() + PENDING_ORDER_MINUTES * 60_000),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: orders.id });
  await tx.insert(orderLines).values({ orderId: order!.id, ...line, lineTotalCents: total });
  return order!.id;
}
