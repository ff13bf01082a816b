import { and, desc, eq } from "drizzle-orm";
import { payouts } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { ensureAccount, lockBalance, postEntry } from "../../ledger";
import { AppError } from "../../shared/errors";
import { mcnEarnings, mcnPayoutRequested } from "../../distribution/commissions/accounts";
import { readPayoutSettings } from "../../distribution/payouts/settings";
import { requestPayoutSchema, type PayoutView, type RequestPayoutInput } from "../../distribution/payouts/schemas";
import { requireMcnAdmin } from "./access";

/**
 * An MCN admin withdraws part of the MCN's confirmed share: the same rules as a creator's payout (the
 * staff-set minimum, never more than the balance, a request key so a retry creates one payout), the
 * balance row locked so concurrent requests queue. The payout (owner type mcn) then goes through the
 * staff queue like any other; decidePayout moves the MCN's own accounts.
 */
export async function requestMcnPayout(
  ctx: Pick<AppContext, "db" | "clock">,
  user: CurrentUser | null,
  mcnId: string,
  input: RequestPayoutInput,
): Promise<{ payoutId: string; replayed: boolean }> {
  await requireMcnAdmin(ctx.db, user, mcnId, { write: true });
  const data = parseInput(requestPayoutSchema, input);
  const settings = await readPayoutSettings(ctx.db);
  if (data.amountCents < settings.minimumCents) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { amountCents: ["distribution.payout.minimum"] } });
  const key = `payout:mcn:${mcnId}:${data.requestKey ?? crypto.randomUUID()}`;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const balance = await lockBalance(tx, await ensureAccount(tx, mcnEarnings(mcnId), now));
    const [earlier] = await tx.select({ id: payouts.id, amountCents: payouts.amountCents }).from(payouts).where(eq(payouts.idempotencyKey, key));
    if (earlier) {
      if (earlier.amountCents !== data.amountCents) throw new AppError("CONFLICT", "distribution.payout.requestKeyReused");
      return { payoutId: earlier.id, replayed: true };
    }
    if (balance < data.amountCents) throw new AppError("CONFLICT", "distribution.payout.insufficient");
    const [row] = await tx
      .insert(payouts)
      .values({ ownerType: "mcn", ownerId: mcnId, amountCents: data.amountCents, status: "requested", requestedAt: now, idempotencyKey: key })
      .returning({ id: payouts.id });
    await postEntry(tx, {
      idempotencyKey: `payout:request:${row!.id}`,
      reason: "payout.requested",
      userId: user!.id,
      memo: { payoutId: row!.id, mcnId },
      occurredAt: now,
      now,
      postings: [
        { account: mcnEarnings(mcnId), amount: -data.amountCents },
        { account: mcnPayoutRequested(mcnId), amount: data.amountCents },
      ],
    });
    return { payoutId: row!.id, replayed: false };
  });
}

/** The MCN's payouts, newest first (for its admins). */
export async function listMcnPayouts(ctx: Pick<AppContext, "db">, user: CurrentUser | null, mcnId: string): Promise<Pick<PayoutView, "id" | "amountCents" | "status" | "reason" | "requestedAt" | "paidAt">[]> {
  await requireMcnAdmin(ctx.db, user, mcnId);
  const rows = await ctx.db
    .select()
    .from(payouts)
    .where(and(eq(payouts.ownerType, "mcn"), eq(payouts.ownerId, mcnId)))
    .orderBy(desc(payouts.requestedAt))
    .limit(20);
  return rows.map((p) => ({ id: p.id, amountCents: p.amountCents, status: p.status, reason: p.reason, requestedAt: p.requestedAt.toISOString(), paidAt: p.paidAt?.toISOString() ?? null }));
}
