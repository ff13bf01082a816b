import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { externalStores, orderLines, orders, products, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import { resolveAttribution } from "../../distribution/attribution/resolve-attribution";
import { parseInput } from "../../identity/parse-input";
import { localDate } from "../../shared/clock";
import { AppError, isUniqueViolation, pgConstraint } from "../../shared/errors";
import { applyRefundIn } from "../orders/refund-order";
import { markPaidIn } from "../orders/mark-paid";
import { orderNumberOf } from "../orders/rules";
import type { OrderView } from "../orders/schemas";
import { orderViewById } from "../orders/views";
import { externalOrderSchema } from "./schemas";

/** The header a store signs its body with: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const SIGNATURE_HEADER = "X-Seedbed-Signature";

/** The value a store sends in SIGNATURE_HEADER for `rawBody` (stores and tests use it to sign). */
export function signBody(secret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

/** Constant-time comparison of the expected and the given signature. */
export function isValidSignature(secret: string, rawBody: Buffer, header: string | undefined | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, rawBody));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface IngestResult {
  order: OrderView;
  /** False when the delivery told us nothing new (a repeat, or an older state than we have). */
  changed: boolean;
}

/**
 * An external store reports one of its orders (the `ingestExternalOrder` webhook).
 *
 * Trust first: the store is looked up by slug and the HMAC-SHA256 of the RAW body (exactly the bytes
 * received, before any JSON parsing) is compared in constant time with `X-Seedbed-Signature`. An
 * unknown store and a bad or missing signature both answer 401 and write nothing.
 *
 * Then, in one transaction, idempotent on (store, external order id):
 *
 * 1. `insert … on conflict do nothing` on the unique (store_id, external_order_id) index: of 20 copies
 *    of one delivery racing, one creates the order (its lines, buyer and attribution as of `placedAt`)
 *    and the others wait for it on the index, then find it.
 * 2. The order row is locked, so deliveries of one order apply one at a time.
 * 3. Paid: the first delivery that implies payment — `paid`, or a refund, since money can only come
 *    back after it went in — marks the order paid and emits `commerce.order.paid`, once.
 * 4. Refunds: `refundedCents` is the store's refunded total; when it is above ours, the difference is
 *    refunded (key `refund:external:<store>:<order>:<total>`) and `commerce.order.refunded` emitted for
 *    it. A lower or equal total (a late or repeated delivery) changes nothing.
 *
 * So any arrival order of paid / partially refunded / refunded ends in the same state: paid once,
 * refunded up to the highest total reported. External stores keep their own stock.
 */
export async function ingestExternalOrder(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  input: { storeSlug: string; rawBody: Buffer | undefined; signature: string | undefined | null },
): Promise<IngestResult> {
  const [store] = /^[a-z][a-z0-9-]{1,39}$/.test(input.storeSlug)
    ? await ctx.db.select().from(externalStores).where(eq(externalStores.slug, input.storeSlug))
    : [];
  if (!store || !input.rawBody || !isValidSignature(store.secret, input.rawBody, input.signature)) {
    throw new AppError("UNAUTHENTICATED", "commerce.external.signature");
  }
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody.toString("utf8"));
  } catch {
    throw new AppError("BAD_REQUEST", "malformedJson");
  }
  const data = parseInput(externalOrderSchema, json);
  const occurredAt = new Date(data.occurredAt);
  const placedAt = data.placedAt ? new Date(data.placedAt) : occurredAt;

  // What a new order would be: worked out before the transaction, used only by the delivery that creates it.
  const buyerId = await findBuyer(ctx, data.buyer);
  const attribution = await resolveAttribution(ctx.db, { buyerId, visitorId: data.visitorId ?? null, at: placedAt });
  const productIds = data.lines.map((l) => l.productId).filter((id): id is string => Boolean(id));
  const rates = new Map(
    productIds.length === 0
      ? []
      : (await ctx.db.select({ id: products.id, rate: products.commissionRateBp }).from(products).where(inArray(products.id, productIds))).map((p) => [p.id, p.rate]),
  );

  for (let attempt = 0; ; attempt++) {
    try {
      const { orderId, changed } = await ctx.db.transaction(async (tx) => {
        const now = ctx.clock.now();
        const created = await tx
          .insert(orders)
          .values({
            number: orderNumberOf(localDate(placedAt, ctx.config.platformTimeZone)),
            source: "external",
            storeId: store.id,
            externalOrderId: data.externalOrderId,
            buyerId,
            status: "pending",
            totalCents: data.totalCents,
            linkId: attribution?.linkId ?? null,
            creatorId: attribution?.creatorId ?? null,
            visitorId: attribution?.visitorId ?? data.visitorId ?? null,
            createdAt: placedAt,
            updatedAt: now,
          })
          .onConflictDoNothing({ target: [orders.storeId, orders.externalOrderId] })
          .returning({ id: orders.id });
        if (created[0]) {
          await tx.insert(orderLines).values(
            data.lines.map((l) => ({
              orderId: created[0]!.id,
              productId: l.productId && rates.has(l.productId) ? l.productId : null,
              title: l.title,
              unitPriceCents: l.unitPriceCents,
              quantity: l.quantity,
              lineTotalCents: l.unitPriceCents * l.quantity,
              commissionRateBp: l.productId ? (rates.get(l.productId) ?? 0) : 0,
            })),
          );
        }
        return applyDelivery(tx, { storeId: store.id, data, occurredAt, placedAt, now, created: Boolean(created[0]) });
      });
      return { order: (await orderViewById(ctx.db, orderId, true))!, changed };
    } catch (e) {
      if (attempt < 3 && isUniqueViolation(e) && pgConstraint(e) === "orders_number_key") continue;
      throw e;
    }
  }
}

async function findBuyer(ctx: Pick<AppContext, "db">, buyer: { userId?: string; email?: string } | undefined): Promise<string | null> {
  if (buyer?.userId) {
    const [row] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.id, buyer.userId));
    if (row) return row.id;
  }
  if (buyer?.email) {
    const [row] = await ctx.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${buyer.email})`);
    if (row) return row.id;
  }
  return null;
}

async function applyDelivery(
  tx: Transaction,
  args: { storeId: string; data: ReturnType<typeof externalOrderSchema.parse>; occurredAt: Date; placedAt: Date; now: Date; created: boolean },
): Promise<{ orderId: string; changed: boolean }> {
  const { data } = args;
  const [locked] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.storeId, args.storeId), eq(orders.externalOrderId, data.externalOrderId)))
    .for("update");
  let order = locked!;
  if (order.totalCents !== data.totalCents) throw new AppError("CONFLICT", "commerce.external.totalChanged");
  let changed = args.created;
  if (order.paidAt === null) {
    // A refund implies the payment before it: paid as of when the order was placed.
    const paidAt = data.status === "paid" ? args.occurredAt : args.placedAt;
    order = await markPaidIn(tx, order, paidAt, args.now);
    changed = true;
  }
  if (data.refundedCents > order.refundedCents) {
    order = await applyRefundIn(tx, order, {
      amountCents: data.refundedCents - order.refundedCents,
      idempotencyKey: `refund:external:${args.storeId}:${data.externalOrderId}:${data.refundedCents}`,
      reason: "external",
      actorId: null,
      at: args.occurredAt,
    });
    changed = true;
  }
  return { orderId: order.id, changed };
}
