import { sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { emitEvent } from "../../jobs/emit-event";
import { rowsOf } from "../../shared/sql-rows";
import { ORDER_CONFIRMED, type OrderConfirmedPayload } from "../events";

/**
 * Confirms paid orders whose holding period has ended: status `confirmed` (a partly refunded order
 * keeps its refund status and gets its confirmedAt), `commerce.order.confirmed` emitted once each.
 *
 * The orders are claimed with FOR UPDATE SKIP LOCKED: an order a refund holds right now is skipped
 * and picked up by the next run, after the refund committed. A refund that wins makes a full refund
 * `refunded` (never confirmed); one that comes after sees the order confirmed. Either way each order
 * is confirmed at most once (`confirmed_at is null` in the claim).
 */
export async function confirmDueOrders(db: Database, options: { now: Date; batch?: number }): Promise<{ confirmed: number }> {
  const batch = options.batch ?? 500;
  let confirmed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = rowsOf<{ id: string; buyer_id: string | null; creator_id: string | null }>(
        await tx.execute(sql`
          update orders o set
            status = case when o.status = 'paid' then 'confirmed' else o.status end,
            confirmed_at = ${options.now.toISOString()}::timestamptz,
            updated_at = ${options.now.toISOString()}::timestamptz
          where o.id in (
            select id from orders
            where status in ('paid', 'partially_refunded') and confirmed_at is null
              and confirmable_at <= ${options.now.toISOString()}::timestamptz
            order by confirmable_at
            limit ${batch}
            for update skip locked)
          returning o.id, o.buyer_id, o.creator_id`),
      );
      for (const row of rows) {
        const payload: OrderConfirmedPayload = { orderId: row.id, buyerId: row.buyer_id, creatorId: row.creator_id, confirmedAt: options.now.toISOString() };
        await emitEvent(tx, { type: ORDER_CONFIRMED, payload, occurredAt: options.now });
      }
      return rows.length;
    });
    confirmed += done;
    if (done < batch) return { confirmed };
  }
}
