import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "../../../db/client";
import { commissionEvents, type OutboxEvent } from "../../../db/schema";
import type { ConsumerContext } from "../../jobs/consumer";
import { emitEvent } from "../../jobs/emit-event";
import { postEntry, type PostingInput } from "../../ledger";
import { commissionExpense, creatorEarnings, creatorPending, mcnEarnings, mcnPending } from "./accounts";
import { commissionsRecorded, lockOrderCommissions } from "./commission-state";
import { COMMISSION_REVERSED, type CommissionReason } from "./events";
import { reversalFor } from "./rules";

const int = z.number().int();
const payloadSchema = z.looseObject({
  orderId: z.uuid(),
  refundId: z.uuid(),
  buyerId: z.uuid().nullable(),
  creatorId: z.uuid().nullable(),
  amountCents: int,
  full: z.boolean(),
  lines: z.array(z.looseObject({ lineId: z.uuid(), refundedCents: int.min(0) })),
  refundedAt: z.iso.datetime({ offset: true }),
});

/**
 * A refund of an attributed order: each affected line's commission gives back its share (see
 * reversalFor in rules.ts: proportional to the line's refunded cents so far, the whole rest on a full
 * refund, never more than the amount), one entry per refund and line (`reversal:refund:<refundId>:line:<lineId>`)
 * that names the commission's entry. Still pending, the money leaves pending; confirmed or already
 * paid out, it leaves the withdrawable earnings — which may go negative after a payout, a debt the
 * creator's next commissions pay off (the timeline says `clawed_back`). The link's commission counter
 * follows. The order's commission rows are locked first (see lockOrderCommissions).
 */
export async function reverseCommissions(tx: Transaction, event: OutboxEvent, ctx: ConsumerContext): Promise<void> {
  const p = payloadSchema.parse(event.payload);
  if (!p.creatorId) return;
  if (!(await commissionsRecorded(tx, p.orderId))) {
    if (p.buyerId === p.creatorId) return;
    throw new Error(`order ${p.orderId} refunded before its commissions were recorded; retrying`);
  }
  const at = new Date(p.refundedAt);
  const now = ctx.clock.now();
  const refundedNow = new Map(p.lines.map((l) => [l.lineId, l.refundedCents]));
  const reversed: { commissionId: string; amountCents: number }[] = [];
  for (const c of await lockOrderCommissions(tx, p.orderId)) {
    const refunded = refundedNow.get(c.orderLineId) ?? 0;
    if (refunded === 0 && !p.full) continue;
    const mcnReversedBefore = c.reversedCents - c.creatorReversedCents;
    const common = { lineTotalCents: c.lineTotalCents, refundedBeforeCents: c.refundedBeforeCents, refundedNowCents: refunded, full: p.full };
    const creatorCents = reversalFor({ ...common, amountCents: c.amountCents, reversedBeforeCents: c.creatorReversedCents });
    const mcnCents = c.mcnId ? reversalFor({ ...common, amountCents: c.mcnShareCents, reversedBeforeCents: mcnReversedBefore }) : 0;
    if (creatorCents === 0 && mcnCents === 0) continue;

    const pending = c.status === "pending";
    const postings: PostingInput[] = [
      { account: pending ? creatorPending(c.creatorId) : creatorEarnings(c.creatorId), amount: -creatorCents },
      { account: commissionExpense(), amount: creatorCents + mcnCents },
    ];
    if (c.mcnId && mcnCents > 0) postings.push({ account: pending ? mcnPending(c.mcnId) : mcnEarnings(c.mcnId), amount: -mcnCents });
    const entry = await postEntry(tx, {
      idempotencyKey: `reversal:refund:${p.refundId}:line:${c.orderLineId}`,
      reason: "commission.reversed",
      userId: c.creatorId,
      sourceEventId: event.id,
      reversesEntryId: c.createdEntryId,
      // refundedCents feeds the next refund's proportion (lockOrderCommissions sums it).
      memo: { commissionId: c.id, orderId: p.orderId, refundId: p.refundId, refundedCents: refunded, creatorCents, mcnCents },
      occurredAt: at,
      now,
      postings,
    });
    if (!entry.created) continue;
    const whole = c.creatorReversedCents + creatorCents === c.amountCents && mcnReversedBefore + mcnCents === c.mcnShareCents;
    const reason: CommissionReason = c.status === "paid" ? "clawed_back" : whole ? "reversed_full" : "reversed_partial";
    await tx.execute(sql`
      update commissions set reversed_cents = reversed_cents + ${creatorCents + mcnCents},
        status = case when ${whole} then 'reversed' else status end,
        updated_at = ${now.toISOString()}::timestamptz
      where id = ${c.id}`);
    await tx.insert(commissionEvents).values({ commissionId: c.id, reason, amountCents: -creatorCents, entryId: entry.entryId, at });
    if (c.linkId) await tx.execute(sql`update distribution_links set commission_cents = commission_cents - ${creatorCents} where id = ${c.linkId}`);
    reversed.push({ commissionId: c.id, amountCents: creatorCents });
  }
  if (reversed.length > 0) {
    await emitEvent(tx, { type: COMMISSION_REVERSED, payload: { orderId: p.orderId, refundId: p.refundId, creatorId: p.creatorId, reversals: reversed }, occurredAt: at });
  }
}
