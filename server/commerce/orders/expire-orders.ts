import { sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { emitEvent } from "../../jobs/emit-event";
import { rowsOf } from "../../shared/sql-rows";
import { ORDER_CANCELLED, type OrderCancelledPayload } from "../events";

/**
 * Cancels pending orders nobody paid in time and puts their units back on the shelf, emitting
 * `commerce.order.cancelled` for each. SKIP LOCKED leaves an order being paid this very moment to its
 * payment; the stock goes back in the same transaction as the cancellation, so a unit is never both
 * held and on sale.
 */
export async function expirePendingOrders(db: Database, options: { now: Date; batch?: number }): Promise<{ cancelled: number }> {
  const batch = options.batch ?? 500;
  let cancelled = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = rowsOf<{ id: string; buyer_id: string | null }>(
        await tx.execute(sql`
          update orders o set status = 'cancelled', cancelled_at = ${options.now.toISOString()}::timestamptz,
            updated_at = ${options.now.toISOString()}::timestamptz
          where o.id in (
            select id from orders
            where status = 'pending' and expires_at <= ${options.now.toISOString()}::timestamptz
            order by expires_at
            limit ${batch}
            for update skip locked)
          returning o.id, o.buyer_id`),
      );
      if (rows.length === 0) return 0;
      // Every line of a cancelled shop order goes back on the shelf (and off the sold count); products
      // are updated in id order so two batches can't deadlock on them.
      await tx.execute(sql`
        update products p set stock = p.stock + back.units, sold_count = greatest(p.sold_count - back.units, 0), updated_at = ${options.now.toISOString()}::timestamptz
        from (
          select l.product_id, sum(l.quantity)::int as units from order_lines l
          where l.order_id in (${sql.join(rows.map((r) => sql`${r.id}::uuid`), sql`, `)}) and l.product_id is not null
          group by l.product_id order by l.product_id
        ) back
        where p.id = back.product_id`);
      for (const row of rows) {
        const payload: OrderCancelledPayload = { orderId: row.id, buyerId: row.buyer_id, cancelledAt: options.now.toISOString() };
        await emitEvent(tx, { type: ORDER_CANCELLED, payload, occurredAt: options.now });
      }
      return rows.length;
    });
    cancelled += done;
    if (done < batch) return { cancelled };
  }
}
