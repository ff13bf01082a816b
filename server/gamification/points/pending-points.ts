import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { accountKey, addPostings, claimEntry, consumePointLots, ensureAccounts, lockBalance, openPointLot, platformAccount, userAccount, type PostingInput } from "../../ledger";
import { syncLevel } from "./levels";
import { expiresAtFor, readPointsPolicy } from "./policy";
import { rowsOf } from "../../shared/sql-rows";

interface AwardFacts {
  userId: string;
  points: number;
  growth: number;
  /** Where the award's points and growth sit now. */
  bucket: "pending" | "available";
  reversed: boolean;
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
  const later = rowsOf<{ idempotency_key: string; reverses_entry_id: string | null }>(
    await tx.execute(sql`
      select idempotency_key, reverses_entry_id from journal_entries
      where idempotency_key = ${confirmKey(entryId)} or reverses_entry_id = ${entryId}`),
  );
  return {
    userId: entry.user_id,
    points: Number(sums.find((s) => s.asset === "points")?.sum ?? 0),
    growth: Number(sums.find((s) => s.asset === "growth")?.sum ?? 0),
    bucket: later.some((l) => l.idempotency_key === confirmKey(entryId)) ? "available" : "pending",
    reversed: later.some((l) => l.reverses_entry_id === entryId),
  };
}

const confirmKey = (entryId: string) => `points:confirm:${entryId}`;

/**
 * Moves a pending award (purchase points wait for the order to confirm, see awardPoints `pending`)
 * into the member's available points and growth, once: keyed `points:confirm:<entryId>`. Opens the
 * FIFO lot then — expiry counts from confirmation, when the points became spendable — and lets the
 * level follow the new growth. An award already reversed (refunded first) confirms nothing.
 */
export async function confirmPendingPoints(
  tx: Queryable,
  input: { entryId: string; now: Date; timeZone: string },
): Promise<{ outcome: "confirmed" | "duplicate" | "nothing"; points: number; growth: number }> {
  const facts = await awardFacts(tx, input.entryId);
  if (!facts || facts.reversed || (facts.points === 0 && facts.growth === 0)) return { outcome: "nothing", points: 0, growth: 0 };
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
 */
export async function reversePoints(
  tx: Queryable,
  input: { entryId: string; idempotencyKey: string; now: Date; memo?: Record<string, unknown> },
): Promise<{ outcome: "reversed" | "duplicate" | "nothing"; points: number; growth: number }> {
  const facts = await awardFacts(tx, input.entryId);
  if (!facts || (facts.points === 0 && facts.growth === 0)) return { outcome: "nothing", points: 0, growth: 0 };
  if (facts.reversed) return { outcome: "duplicate", points: 0, growth: 0 };
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
