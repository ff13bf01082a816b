import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { journalEntries, postings, type LedgerAsset } from "../../db/schema";
import { AppError, pgErrorCode } from "../shared/errors";
import { accountKey, ensureAccounts, type AccountRef } from "./accounts";

export interface PostingInput {
  account: AccountRef;
  /** Signed integer units; an entry's postings must sum to zero per asset. */
  amount: number;
}

export interface EntryInput {
  /** `<effect>:<source>` (DOMAIN.md); a second post with the same key changes nothing. */
  idempotencyKey: string;
  reason: string;
  postings: PostingInput[];
  occurredAt: Date;
  now: Date;
  userId?: string | null;
  ruleId?: string | null;
  sourceEventId?: number | null;
  reversesEntryId?: string | null;
  memo?: Record<string, unknown>;
}

export interface PostedEntry {
  entryId: string;
  /** False when the key had been posted before: the earlier entry stands and nothing was written. */
  created: boolean;
}

/** Raised (as CONFLICT `ledger.insufficient`) when a posting would take a spendable account below zero. */
export const INSUFFICIENT = "ledger.insufficient";

/**
 * Posts one balanced journal entry exactly once: the entry row (unique idempotency key, ON CONFLICT DO
 * NOTHING and read back — never check-then-insert), its postings, and the cached balances, all in the
 * caller's transaction. An overdraft trips account_balances' CHECK and surfaces as CONFLICT
 * `ledger.insufficient`; the caller's transaction is then aborted, so nothing of it stays.
 */
export async function postEntry(tx: Queryable, input: EntryInput): Promise<PostedEntry> {
  assertBalanced(input.postings.filter((p) => p.amount !== 0));
  const claimed = await claimEntry(tx, input);
  if (claimed.created) await addPostings(tx, claimed.entryId, input.postings, input.now);
  return claimed;
}

/**
 * The first half of postEntry, for effects whose amounts depend on state that only the key's owner may
 * touch (a daily cap, say): claims the idempotency key by inserting the entry, so a concurrent or
 * replayed request with the same key sees `created: false` before it changes anything. Follow a
 * created claim with addPostings in the same transaction (an entry without postings is valid: it
 * records an effect that came to nothing, such as a capped award).
 */
export async function claimEntry(tx: Queryable, input: Omit<EntryInput, "postings">): Promise<PostedEntry> {
  const [inserted] = await tx
    .insert(journalEntries)
    .values({
      idempotencyKey: input.idempotencyKey,
      reason: input.reason,
      userId: input.userId ?? null,
      ruleId: input.ruleId ?? null,
      sourceEventId: input.sourceEventId ?? null,
      reversesEntryId: input.reversesEntryId ?? null,
      memo: input.memo ?? {},
      occurredAt: input.occurredAt,
      createdAt: input.now,
    })
    .onConflictDoNothing({ target: journalEntries.idempotencyKey })
    .returning({ id: journalEntries.id });
  if (inserted) return { entryId: inserted.id, created: true };
  const [existing] = await tx
    .select({ id: journalEntries.id })
    .from(journalEntries)
    .where(eq(journalEntries.idempotencyKey, input.idempotencyKey));
  return { entryId: existing!.id, created: false };
}

/** The second half of postEntry: a claimed entry's postings and the balances they move. */
export async function addPostings(tx: Queryable, entryId: string, lines: PostingInput[], now: Date): Promise<void> {
  const nonZero = lines.filter((p) => p.amount !== 0);
  assertBalanced(nonZero);
  // Merge lines on one account, then touch accounts in a fixed order so two entries never deadlock.
  const merged = new Map<string, PostingInput>();
  for (const p of nonZero) {
    const k = accountKey(p.account);
    const prev = merged.get(k);
    merged.set(k, { account: p.account, amount: (prev?.amount ?? 0) + p.amount });
  }
  // One fixed order for every entry (so two never deadlock): members' and MCNs' accounts first, the
  // platform's last. Every award moves the same few platform rows, so they are locked as late as
  // possible, for the shortest time before the commit.
  const rank = (k: string) => (k.startsWith("platform:") ? 1 : 0);
  const ordered = [...merged.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([, p]) => p)
    .filter((p) => p.amount !== 0);
  if (ordered.length === 0) return;
  const ids = await ensureAccounts(tx, ordered.map((p) => p.account), now);
  const resolved: { accountId: string; asset: LedgerAsset; amount: number }[] = ordered.map((p) => ({
    accountId: ids.get(accountKey(p.account))!,
    asset: p.account.asset,
    amount: p.amount,
  }));

  await tx.insert(postings).values(resolved.map((r) => ({ entryId, accountId: r.accountId, asset: r.asset, amount: r.amount })));
  try {
    for (const r of resolved) {
      await tx.execute(
        sql`update account_balances set balance = balance + ${r.amount}, updated_at = ${now.toISOString()}::timestamptz where account_id = ${r.accountId}`,
      );
    }
  } catch (e) {
    if (pgErrorCode(e) === "23514") throw new AppError("CONFLICT", INSUFFICIENT, { cause: e });
    throw e;
  }
}

function assertBalanced(lines: PostingInput[]) {
  const sums = new Map<LedgerAsset, number>();
  for (const p of lines) {
    if (!Number.isSafeInteger(p.amount)) throw new Error(`ledger: posting amount ${p.amount} is not an integer`);
    sums.set(p.account.asset, (sums.get(p.account.asset) ?? 0) + p.amount);
  }
  for (const [asset, sum] of sums) {
    if (sum !== 0) throw new Error(`ledger: postings of ${asset} sum to ${sum}, not 0`);
  }
}
