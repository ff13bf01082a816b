import { eq } from "drizzle-orm";
import { orders, paymentAttempts } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { AppError } from "../../shared/errors";
import { defaultPaymentProvider, type PaymentProvider } from "../payments";
import { isUuid } from "../products/schemas";
import { markPaidIn } from "./mark-paid";
import type { OrderView } from "./schemas";
import { orderViewById } from "./views";

/**
 * The buyer pays their pending order through the payment provider (the sandbox unless another is
 * passed).
 *
 * The order's row is locked for the whole call, provider included: two taps on "pay", or a payment
 * and the expiry job, queue on that lock, and whoever comes second sees the outcome of the first. So
 * paying a paid order changes nothing and returns it as it is; the provider also gets one idempotency
 * key per order, so even a retry after a crash can't charge twice. A declined charge is recorded as a
 * failed attempt (kept: the transaction commits) and answered with 409, the order still pending.
 *
 * Someone else's order id is "not found", never "forbidden": ids are not confirmed to strangers.
 */
export async function payOrder(
  ctx: Pick<AppContext, "db" | "clock">,
  buyer: CurrentUser,
  orderId: string,
  options: { provider?: PaymentProvider } = {},
): Promise<OrderView> {
  requirePermission(buyer, "create:order:own");
  if (!isUuid(orderId)) throw new AppError("NOT_FOUND", "commerce.order.notFound");
  const provider = options.provider ?? defaultPaymentProvider;
  const outcome = await ctx.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!order || order.buyerId !== buyer.id || order.source !== "shop") throw new AppError("NOT_FOUND", "commerce.order.notFound");
    if (order.status === "cancelled") throw new AppError("CONFLICT", "commerce.order.cancelled");
    if (order.status !== "pending") return "already" as const;
    const now = ctx.clock.now();
    if (order.expiresAt && now >= order.expiresAt) throw new AppError("CONFLICT", "commerce.order.expired");
    const charge = await provider.charge({ orderId: order.id, orderNumber: order.number, amountCents: order.totalCents, idempotencyKey: `pay:${order.id}` });
    await tx.insert(paymentAttempts).values({
      orderId: order.id,
      provider: provider.name,
      providerRef: charge.status === "succeeded" ? charge.providerRef : null,
      status: charge.status,
      amountCents: order.totalCents,
      error: charge.status === "failed" ? charge.error : null,
      createdAt: now,
    });
    if (charge.status === "failed") return "declined" as const;
    await markPaidIn(tx, order, now, now);
    return "paid" as const;
  });
  if (outcome === "declined") throw new AppError("CONFLICT", "commerce.pay.declined");
  return (await orderViewById(ctx.db, orderId, false))!;
}
