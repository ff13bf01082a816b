import { sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { rowsOf } from "../../shared/sql-rows";

/** A commission row as the confirmation and reversal steps need it, locked for the transaction. */
export interface LockedCommission {
  id: string;
  orderLineId: string;
  linkId: string | null;
  creatorId: string;
  mcnId: string | null;
  amountCents: number;
  mcnShareCents: number;
  reversedCents: number;
  status: "pending" | "confirmed" | "paid" | "reversed";
  /** The creator's part of reversedCents (from the timeline), the rest being the MCN's. */
  creatorReversedCents: number;
  /** How much of the line earlier refunds took (from their ledger entries' memos). */
  refundedBeforeCents: number;
  lineTotalCents: number;
  createdEntryId: string | null;
}

/**
 * Locks an order's commissions (by id, the same order every step takes, so confirmation and a refund
 * of one order queue behind each other instead of deadlocking) and reads what each has been through.
 */
export async function lockOrderCommissions(tx: Transaction, orderId: string): Promise<LockedCommission[]> {
  const locked = rowsOf<{ id: string }>(await tx.execute(sql`select id from commissions where order_id = ${orderId} order by id for update`));
  if (locked.length === 0) return [];
  const rows = rowsOf<{
    id: string;
    order_line_id: string;
    link_id: string | null;
    creator_id: string;
    mcn_id: string | null;
    amount_cents: string | number;
    mcn_share_cents: string | number;
    reversed_cents: string | number;
    status: LockedCommission["status"];
    creator_reversed: string | number;
    refunded_before: string | number;
    line_total_cents: string | number;
    created_entry_id: string | null;
  }>(
    await tx.execute(sql`
      select c.id, c.order_line_id, c.link_id, c.creator_id, c.mcn_id, c.amount_cents, c.mcn_share_cents, c.reversed_cents, c.status,
        l.line_total_cents,
        coalesce((select -sum(e.amount_cents) from commission_events e where e.commission_id = c.id and e.reason in ('reversed_full', 'reversed_partial', 'clawed_back')), 0) as creator_reversed,
        coalesce((select sum((j.memo->>'refundedCents')::bigint) from commission_events e join journal_entries j on j.id = e.entry_id
                  where e.commission_id = c.id and e.reason in ('reversed_full', 'reversed_partial', 'clawed_back')), 0) as refunded_before,
        (select e.entry_id from commission_events e where e.commission_id = c.id and e.reason = 'created' limit 1) as created_entry_id
      from commissions c join order_lines l on l.id = c.order_line_id
      where c.order_id = ${orderId}
      order by c.id`),
  );
  return rows.map((r) => ({
    id: r.id,
    orderLineId: r.order_line_id,
    linkId: r.link_id,
    creatorId: r.creator_id,
    mcnId: r.mcn_id,
    amountCents: Number(r.amount_cents),
    mcnShareCents: Number(r.mcn_share_cents),
    reversedCents: Number(r.reversed_cents),
    status: r.status,
    creatorReversedCents: Number(r.creator_reversed),
    refundedBeforeCents: Number(r.refunded_before),
    lineTotalCents: Number(r.line_total_cents),
    createdEntryId: r.created_entry_id,
  }));
}

/**
 * Whether recordCommissions has run for the order (its order-level claim exists). A confirmation or
 * refund delivered before it (workers may deliver out of order) must wait and retry, not act on nothing.
 */
export async function commissionsRecorded(tx: Transaction, orderId: string): Promise<boolean> {
  const rows = rowsOf(await tx.execute(sql`select 1 from journal_entries where idempotency_key = ${`commission:order:${orderId}`}`));
  return rows.length > 0;
}
