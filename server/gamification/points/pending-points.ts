import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { accountKey, addPostings, claimEntry, consumePointLots, ensureAccounts, lockBalance, openPointLot, platformAccount, userAccount, type PostingInput } from "../../ledger";
import { syncLevel } from "./levels";
import { expiresAtFor, readPointsPolicy } from "./policy";
import { rowsOf } from "../../shared/sql-rows";

interface AwardFacts {
  userId: string;
  /** What the award paid. */
  points: number;
  growth: number;
  /** Where the award's points and growth sit now. */
  bucket: "pending" | "available";
  /** How much of it reversals (a partial refund, then the rest) have taken back so far. */
  reversedPoints: number;
  reversedGrowth: number;
}

/**
 * What an award entry paid its member and where it sits now, with the entry row locked: confirming
 * and reversing the same award queue behind each other, so a refund racing the confirmation either
 * reverses pending points or confirmed ones — never both, never neither.
 */
async function awardFacts(tx: Queryable, entryId: string): Promise<AwardFacts | null> {
  const [entry] = rowsOf<{ user_id: string | null }>(await tx.execute(sql`select user_id from journal_entries where id = ${entryId} for update`));
  if (!entry?.user_id) return null;
  const sums = rowsOf<{ asset: string; sum: string | number }>(
    await tx.execute(sql`
      select a.asset, sum(p.amount) as sum from postings p join ledger_accounts a on a.id = p.account_id
      where p.entry_id = ${entryId} and a.owner_type = 'user' and a.owner_id = ${entry.user_id} group by a.asset`),
  );
  const [confirmed] = rowsOf<{ id: string }>(await tx.execute(sql`select id from journal_entries where idempotency_key = ${confirmKey(entryId)}`));
  const reversed = rowsOf<{ asset: string; sum: string | number }>(
    await tx.execute(sql`
      select a.asset, -sum(p.amount) as sum from journal_entries j
      join postings p on p.entry_id = j.id join ledger_accounts a on a.id = p.account_id
      where j.reverses_entry_id = ${entryId} and a.owner_type = 'user' and a.owner_id = ${entry.user_id} group by a.asset`),
  );
  return {
    userId: entry.user_id,
    points: Number(sums.find((s) => s.asset === "points")?.sum ?? 0),
    growth: Number(sums.find((s) => s.asset === "growth")?.sum ?? 0),
    bucket: confirmed ? "available" : "pending",
    reversedPoints: Number(reversed.find((s) => s.asset === "points")?.sum ?? 0),
    reversedGrowth: Number(reversed.find((s) => s.asset === "growth")?.sum ?? 0),
  };
}

const confirmKey = (entryId: string) => `points:confirm:${entryId}`;

/**
 * Moves a pending award (purchase points wait for the order to confirm, see awardPoints `pending`)
 * into the member's available points and growth, once: keyed `points:confirm:<entryId>`. Opens the
 * FIFO lot then — expiry counts from confirmation, when the points became spendable — and lets the
 * level follow the new growth. What reversals took back while it was pending is not confirmed; an
 * award reversed in full (refunded first) confirms nothing.
 */
export async function confirmPendingPoints(
  tx: Queryable,
  input: { entryId: string; now: Date; timeZone: string },
): Promise<{ outcome: "confirmed" | "duplicate" | "nothing"; points: number; growth: number }> {
  const found = await awardFacts(tx, input.entryId);
  if (!found) return { outcome: "nothing", points: 0, growth: 0 };
  // What is still pending: the award less what partial refunds took back before the confirmation.
  const facts = { ...found, points: found.points - found.reversedPoints, growth: found.growth - found.reversedGrowth };
  if (facts.points <= 0 && facts.growth <= 0) return { outcome: "nothing", points: 0, growth: 0 };
  const claim = await claimEntry(tx, {
    idempotencyKey: confirmKey(input.entryId),
    reason: "purchase.confirmed",
    userId: facts.userId,
    memo: { confirms: input.entryId },
    occurredAt: input.now,
    now: input.now,
  });
  if (!claim.created) return { outcome: "duplicate", points: 0, growth: 0 };
  const lines: PostingInput[] = [
    { account: userAccount(facts.userId, "points", "pending"), amount: -facts.points },
    { account: userAccount(facts.userId, "points"), amount: facts.points },
    { account: userAccount(facts.userId, "growth", "pending"), amount: -facts.growth },
    { account: userAccount(facts.userId, "growth"), amount: facts.growth },
  ];
  await addPostings(tx, claim.entryId, lines, input.now);
  const policy = await readPointsPolicy(tx);
  await openPointLot(tx, {
    userId: facts.userId,
    entryId: claim.entryId,
    amount: facts.points,
    earnedAt: input.now,
    expiresAt: expiresAtFor(input.now, policy.expiry, input.timeZone),
  });
  if (facts.growth > 0) await syncLevel(tx, facts.userId, claim.entryId, input.now);
  return { outcome: "confirmed", points: facts.points, growth: facts.growth };
}

/**
 * Reverses an award (a refunded order's purchase points, say) with one entry that names it
 * (`reverses_entry_id`), taking the points and growth back from wherever they sit now — pending, or
 * available once confirmed. Points the member has already spent are not clawed into a negative
 * balance: the reversal takes what is there and the rest stays with the platform as a loss. The
 * level follows the reduced growth (it may go down). `idempotencyKey` is the caller's, e.g.
 * `reversal:refund:<refundId>`.
 *
 * With `share` (a partial refund: the order's refunded total so far over its total) it reverses only
 * up to that share of the award, rounded down — in the member's favour — less what earlier reversals
 * took; without it, everything not yet reversed. So partial refunds then a full one take back the
 * award exactly once in all.
 */
export async function reversePoints(
  tx: Queryable,
  input: { entryId: string; idempotencyKey: string; now: Date; memo?: Record<string, unknown>; share?: { refundedCents: number; totalCents: number } },
): Promise<{ outcome: "reversed" | "duplicate" | "nothing"; points: number; growth: number }> {
  const found = await awardFacts(tx, input.entryId);
  if (!found || (found.points === 0 && found.growth === 0)) return { outcome: "nothing", points: 0, growth: 0 };
  const upTo = (amount: number) =>
    input.share && input.share.totalCents > 0 && input.share.refundedCents < input.share.totalCents
      ? Math.floor((amount * Math.max(input.share.refundedCents, 0)) / input.share.totalCents)
      : amount;
  const facts = {
    ...found,
    points: Math.max(upTo(found.points) - found.reversedPoints, 0),
    growth: Math.max(upTo(found.growth) - found.reversedGrowth, 0),
  };
  if (facts.points === 0 && facts.growth === 0) {
    return { outcome: found.reversedPoints > 0 || found.reversedGrowth > 0 ? "duplicate" : "nothing", points: 0, growth: 0 };
  }
  const claim = await claimEntry(tx, {
    idempotencyKey: input.idempotencyKey,
    reason: "reversal",
    userId: facts.userId,
    reversesEntryId: input.entryId,
    memo: { ...(input.memo ?? {}), reverses: input.entryId },
    occurredAt: input.now,
    now: input.now,
  });
  if (!claim.created) return { outcome: "duplicate", points: 0, growth: 0 };
  const pointsAccount = userAccount(facts.userId, "points", facts.bucket);
  const growthAccount = userAccount(facts.userId, "growth", facts.bucket);
  const ids = await ensureAccounts(tx, [pointsAccount, growthAccount], input.now);
  const points = Math.min(facts.points, Math.max(await lockBalance(tx, ids.get(accountKey(pointsAccount))!), 0));
  const growth = Math.min(facts.growth, Math.max(await lockBalance(tx, ids.get(accountKey(growthAccount))!), 0));
  await addPostings(
    tx,
    claim.entryId,
    [
      { account: pointsAccount, amount: -points },
      { account: platformAccount("points", "issuance"), amount: points },
      { account: growthAccount, amount: -growth },
      { account: platformAccount("growth", "issuance"), amount: growth },
    ],
    input.now,
  );
  if (facts.bucket === "available") {
    await consumePointLots(tx, facts.userId, points);
    if (growth > 0) await syncLevel(tx, facts.userId, claim.entryId, input.now);
  }
  return { outcome: "reversed", points, growth };
}
