import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { payouts } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { ensureAccount, lockBalance, postEntry } from "../../ledger";
import { AppError } from "../../shared/errors";
import { isFlagged } from "../fraud/is-flagged";
import { creatorEarnings, creatorPayoutRequested } from "../commissions/accounts";
import { PAYOUT_REQUESTED } from "./events";
import { requestPayoutSchema, type PayoutView, type RequestPayoutInput } from "./schemas";
import { readPayoutSettings } from "./settings";
import { payoutById } from "./views";

export interface RequestPayoutResult {
  payout: PayoutView;
  /** True when the request key had been used: the earlier payout is returned and nothing new happened. */
  replayed: boolean;
}

/**
 * A creator asks to withdraw part of their confirmed earnings (at least the staff-set minimum, ¥50 by
 * default; at most what is withdrawable now). One transaction:
 * 1. The creator's earnings balance row is locked, so their concurrent requests queue: each sees the
 *    balance the previous one left, and requests racing beyond the balance can never overdraw it
 *    (the `earnings` kind may go negative through refunds, so this lock — not a CHECK — guards it).
 * 2. A request key seen before answers with its payout (`replayed`), however many copies race.
 * 3. The payout row (status requested) and its ledger entry `payout:request:<payoutId>` move the amount
 *    from earnings to the creator's payout_requested account, where it waits for staff.
 * A creator with an open fraud flag may still ask; the payout is held for review (staff see why).
 */
export async function requestPayout(
  ctx: Pick<AppContext, "db" | "clock">,
  creator: CurrentUser | null,
  input: RequestPayoutInput,
  options: { idempotencyKey?: string | null } = {},
): Promise<RequestPayoutResult> {
  if (!creator) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  const data = parseInput(requestPayoutSchema, input);
  const headerKey = options.idempotencyKey?.trim() || undefined;
  if (headerKey !== undefined && !/^[A-Za-z0-9._:-]{8,100}$/.test(headerKey)) {
    throw new AppError("VALIDATION_FAILED", "distribution.payout.requestKey", { fields: { "Idempotency-Key": ["distribution.payout.requestKey"] } });
  }
  if (headerKey && data.requestKey && headerKey !== data.requestKey) {
    throw new AppError("VALIDATION_FAILED", "distribution.payout.requestKeyMismatch", { fields: { requestKey: ["distribution.payout.requestKeyMismatch"] } });
  }
  const key = `payout:${creator.id}:${headerKey ?? data.requestKey ?? randomUUID()}`;
  const settings = await readPayoutSettings(ctx.db);
  if (data.amountCents < settings.minimumCents) {
    throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { amountCents: ["distribution.payout.minimum"] } });
  }
  const now = ctx.clock.now();

  const outcome = await ctx.db.transaction(async (tx) => {
    const balance = await lockBalance(tx, await ensureAccount(tx, creatorEarnings(creator.id), now));
    const [earlier] = await tx.select({ id: payouts.id, amountCents: payouts.amountCents }).from(payouts).where(eq(payouts.idempotencyKey, key));
    if (earlier) {
      // The same key for a different amount is a client bug, not a retry: say so rather than guess.
      if (earlier.amountCents !== data.amountCents) throw new AppError("CONFLICT", "distribution.payout.requestKeyReused");
      return { id: earlier.id, replayed: true };
    }
    if (balance < data.amountCents) throw new AppError("CONFLICT", "distribution.payout.insufficient");
    const held = await isFlagged(tx, creator.id);
    const [row] = await tx
      .insert(payouts)
      .values({ ownerType: "user", ownerId: creator.id, amountCents: data.amountCents, status: "requested", heldForReview: held, requestedAt: now, idempotencyKey: key })
      .returning({ id: payouts.id });
    await postEntry(tx, {
      idempotencyKey: `payout:request:${row!.id}`,
      reason: "payout.requested",
      userId: creator.id,
      memo: { payoutId: row!.id },
      occurredAt: now,
      now,
      postings: [
        { account: creatorEarnings(creator.id), amount: -data.amountCents },
        { account: creatorPayoutRequested(creator.id), amount: data.amountCents },
      ],
    });
    await emitEvent(tx, { type: PAYOUT_REQUESTED, payload: { payoutId: row!.id, ownerId: creator.id, amountCents: data.amountCents, heldForReview: held }, occurredAt: now });
    return { id: row!.id, replayed: false };
  });
  return { payout: (await payoutById(ctx.db, outcome.id))!, replayed: outcome.replayed };
}
