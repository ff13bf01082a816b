import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { commissionEvents, payouts, type PayoutStatus } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { postEntry, type AccountRef } from "../../ledger";
import { recordAudit } from "../../ops";
import { AppError } from "../../shared/errors";
import { rowsOf } from "../../shared/sql-rows";
import { creatorEarnings, creatorPayoutApproved, creatorPayoutRequested, mcnEarnings, mcnPayoutApproved, mcnPayoutRequested, platformPayouts } from "../commissions/accounts";
import { PAYOUT_UPDATED } from "./events";
import { decidePayoutSchema, isUuid, type DecidePayoutInput, type PayoutAction, type PayoutView } from "./schemas";
import { payoutById } from "./views";

/** Where each action may start from, where it ends, and where the money moves (from → to). */
const STEPS: Record<PayoutAction, { from: PayoutStatus[]; to: PayoutStatus }> = {
  approve: { from: ["requested"], to: "approved" },
  reject: { from: ["requested", "approved"], to: "rejected" },
  markPaid: { from: ["approved"], to: "paid" },
};

/**
 * Staff move a payout on: approve (payout_requested → payout_approved), reject with a reason the
 * creator reads (the money goes back to their earnings), or mark paid once the transfer went out
 * (payout_approved → the platform's payouts account). Every step is one ledger entry
 * (`payout:<action>:<payoutId>`) and one conditional UPDATE on the payout's status, so a double click
 * or two staff at once move it exactly once. A payout held for review (its owner is flagged) can only
 * be approved with a note saying why it may go ahead. Marking paid also marks the creator's oldest
 * confirmed commissions it covers as paid (their timeline shows `paid_out`). The creator is notified
 * through `distribution.payout.updated`.
 */
export async function decidePayout(
  ctx: Pick<AppContext, "db" | "clock">,
  staff: CurrentUser | null,
  payoutId: string,
  input: DecidePayoutInput,
): Promise<PayoutView> {
  requirePermission(staff, "manage:payouts:any");
  const data = parseInput(decidePayoutSchema, input);
  if (!isUuid(payoutId)) throw new AppError("NOT_FOUND", "distribution.payout.notFound");
  const step = STEPS[data.action];
  const reason = data.reason?.length ? data.reason : null;
  const now = ctx.clock.now();

  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(payouts).where(eq(payouts.id, payoutId));
    if (!current) throw new AppError("NOT_FOUND", "distribution.payout.notFound");
    if (data.action === "approve" && current.heldForReview && !reason) {
      throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { reason: ["distribution.payout.holdNote"] } });
    }
    const [row] = await tx
      .update(payouts)
      .set({
        status: step.to,
        ...(data.action === "markPaid" ? { paidAt: now } : { decidedAt: now, decidedBy: staff.id, reason: reason ?? current.reason }),
      })
      .where(and(eq(payouts.id, payoutId), inArray(payouts.status, step.from)))
      .returning();
    if (!row) throw new AppError("CONFLICT", "distribution.payout.wrongStatus");

    const owner = row.ownerId;
    // An MCN's payout (requested from its own share) moves between the MCN's accounts of the same kinds.
    const mcn = row.ownerType === "mcn";
    const requested = mcn ? mcnPayoutRequested(owner) : creatorPayoutRequested(owner);
    const approved = mcn ? mcnPayoutApproved(owner) : creatorPayoutApproved(owner);
    const from: AccountRef = current.status === "approved" ? approved : requested;
    const to: AccountRef = data.action === "approve" ? approved : data.action === "reject" ? (mcn ? mcnEarnings(owner) : creatorEarnings(owner)) : platformPayouts();
    const entry = await postEntry(tx, {
      idempotencyKey: `payout:${data.action}:${row.id}`,
      reason: `payout.${step.to}`,
      userId: owner,
      memo: { payoutId: row.id, actorId: staff.id, reason },
      occurredAt: now,
      now,
      postings: [
        { account: from, amount: -row.amountCents },
        { account: to, amount: row.amountCents },
      ],
    });
    if (data.action === "markPaid" && !mcn) await markCommissionsPaid(tx, owner, row.id, row.amountCents, entry.entryId, now);

    await recordAudit(tx, {
      actorId: staff.id,
      action: `distribution.payout.${step.to}`,
      subjectType: "payout",
      subjectId: row.id,
      before: { status: current.status },
      after: { status: step.to, reason, heldForReview: row.heldForReview },
      at: now,
    });
    await emitEvent(tx, {
      type: PAYOUT_UPDATED,
      payload: { payoutId: row.id, ownerId: owner, status: step.to, amountCents: row.amountCents, reason },
      occurredAt: now,
    });
  });
  return (await payoutById(ctx.db, payoutId))!;
}

/**
 * The creator's oldest confirmed commissions, as far as the payout's amount covers what is left of
 * each, become paid (with the payout's id and a `paid_out` step). Only the life cycle is recorded:
 * the money already moved as one amount.
 */
async function markCommissionsPaid(tx: Transaction, creatorId: string, payoutId: string, amountCents: number, entryId: string, now: Date) {
  const rows = rowsOf<{ id: string; left: string | number }>(
    await tx.execute(sql`
      select c.id, c.amount_cents + coalesce((select sum(e.amount_cents) from commission_events e
        where e.commission_id = c.id and e.reason in ('reversed_full', 'reversed_partial', 'clawed_back')), 0) as left
      from commissions c where c.creator_id = ${creatorId} and c.status = 'confirmed'
      order by c.confirmed_at, c.id
      for update of c`),
  );
  let budget = amountCents;
  for (const r of rows) {
    const left = Number(r.left);
    if (left > budget) break;
    budget -= left;
    await tx.execute(sql`update commissions set status = 'paid', payout_id = ${payoutId}, updated_at = ${now.toISOString()}::timestamptz where id = ${r.id}`);
    await tx.insert(commissionEvents).values({ commissionId: r.id, reason: "paid_out", amountCents: left, entryId, at: now });
  }
}
