import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "../../../db/client";
import { commissionEvents, type OutboxEvent } from "../../../db/schema";
import type { ConsumerContext } from "../../jobs/consumer";
import { emitEvent } from "../../jobs/emit-event";
import { postEntry, type PostingInput } from "../../ledger";
import { creatorEarnings, creatorPending, mcnEarnings, mcnPending } from "./accounts";
import { commissionsRecorded, lockOrderCommissions } from "./commission-state";
import { COMMISSION_CONFIRMED } from "./events";

const payloadSchema = z.looseObject({ orderId: z.uuid(), buyerId: z.uuid().nullable(), creatorId: z.uuid().nullable(), confirmedAt: z.iso.datetime({ offset: true }) });

/**
 * The order's holding period ended (commerce confirmed it): each of its pending commissions moves what
 * is left of it after partial refunds from the creator's pending into their withdrawable earnings
 * (`commission:confirm:<commissionId>`), and the MCN's share likewise. A commission reversed in full
 * stays reversed. The commission rows are locked first, so a refund racing this either reverses
 * pending money before it moves or confirmed money after — never both, never neither.
 */
export async function confirmCommissions(tx: Transaction, event: OutboxEvent, ctx: ConsumerContext): Promise<void> {
  const p = payloadSchema.parse(event.payload);
  if (!p.creatorId) return;
  if (!(await commissionsRecorded(tx, p.orderId))) {
    if (p.buyerId === p.creatorId) return;
    throw new Error(`order ${p.orderId} confirmed before its commissions were recorded; retrying`);
  }
  const at = new Date(p.confirmedAt);
  const now = ctx.clock.now();
  const confirmed: string[] = [];
  for (const c of await lockOrderCommissions(tx, p.orderId)) {
    if (c.status !== "pending") continue;
    const creatorLeft = c.amountCents - c.creatorReversedCents;
    const mcnLeft = c.mcnShareCents - (c.reversedCents - c.creatorReversedCents);
    const postings: PostingInput[] = [
      { account: creatorPending(c.creatorId), amount: -creatorLeft },
      { account: creatorEarnings(c.creatorId), amount: creatorLeft },
    ];
    if (c.mcnId && mcnLeft > 0) postings.push({ account: mcnPending(c.mcnId), amount: -mcnLeft }, { account: mcnEarnings(c.mcnId), amount: mcnLeft });
    const entry = await postEntry(tx, {
      idempotencyKey: `commission:confirm:${c.id}`,
      reason: "commission.confirmed",
      userId: c.creatorId,
      sourceEventId: event.id,
      memo: { commissionId: c.id, orderId: p.orderId },
      occurredAt: at,
      now,
      postings,
    });
    if (!entry.created) continue;
    await tx.execute(sql`update commissions set status = 'confirmed', confirmed_at = ${at.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz where id = ${c.id}`);
    await tx.insert(commissionEvents).values({ commissionId: c.id, reason: "confirmed", amountCents: creatorLeft, entryId: entry.entryId, at });
    confirmed.push(c.id);
  }
  if (confirmed.length > 0) {
    await emitEvent(tx, { type: COMMISSION_CONFIRMED, payload: { orderId: p.orderId, creatorId: p.creatorId, commissionIds: confirmed }, occurredAt: at });
  }
}
