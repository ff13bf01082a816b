import { inArray, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { journalEntries, type LedgerAsset } from "../../db/schema";
import { rowsOf } from "../shared/sql-rows";
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
  return (await claimEntries(tx, [input]))[0]!;
}

/**
 * claimEntry for many entries in two statements at most, answering in the inputs' order. A key given
 * twice is claimed by its first input; the later ones get `created: false` and the same entry. Keys are
 * inserted in sorted order, so two transactions claiming overlapping keys wait for each other instead
 * of deadlocking.
 */
export async function claimEntries(tx: Queryable, inputs: readonly Omit<EntryInput, "postings">[]): Promise<PostedEntry[]> {
  if (inputs.length === 0) return [];
  const first = new Map<string, Omit<EntryInput, "postings">>();
  for (const input of inputs) if (!first.has(input.idempotencyKey)) first.set(input.idempotencyKey, input);
  const rows = [...first.values()]
    .sort((a, b) => (a.idempotencyKey < b.idempotencyKey ? -1 : a.idempotencyKey > b.idempotencyKey ? 1 : 0))
    .map((input, ord) => ({
      ord,
      idempotency_key: input.idempotencyKey,
      reason: input.reason,
      user_id: input.userId ?? null,
      rule_id: input.ruleId ?? null,
      source_event_id: input.sourceEventId ?? null,
      reverses_entry_id: input.reversesEntryId ?? null,
      memo: input.memo ?? {},
      occurred_at: input.occurredAt.toISOString(),
      created_at: input.now.toISOString(),
    }));
  const inserted = rowsOf<{ id: string; idempotency_key: string }>(
    await tx.execute(sql`
      insert into journal_entries (idempotency_key, reason, user_id, rule_id, source_event_id, reverses_entry_id, memo, occurred_at, created_at)
      select r.idempotency_key, r.reason, r.user_id, r.rule_id, r.source_event_id, r.reverses_entry_id, r.memo, r.occurred_at, r.created_at
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
        ord int, idempotency_key text, reason text, user_id uuid, rule_id uuid, source_event_id bigint,
        reverses_entry_id uuid, memo jsonb, occurred_at timestamptz, created_at timestamptz)
      order by r.ord
      on conflict (idempotency_key) do nothing
      returning id, idempotency_key`),
  );
  const created = new Map(inserted.map((r) => [r.idempotency_key, r.id]));
  const existing = new Map<string, string>();
  const taken = [...first.keys()].filter((k) => !created.has(k));
  if (taken.length > 0) {
    const found = await tx
      .select({ id: journalEntries.id, key: journalEntries.idempotencyKey })
      .from(journalEntries)
      .where(inArray(journalEntries.idempotencyKey, taken));
    for (const r of found) existing.set(r.key, r.id);
  }
  const claimedHere = new Set<string>();
  return inputs.map((input) => {
    const key = input.idempotencyKey;
    const fresh = created.get(key);
    if (fresh && !claimedHere.has(key)) {
      claimedHere.add(key);
      return { entryId: fresh, created: true };
    }
    return { entryId: (fresh ?? existing.get(key))!, created: false };
  });
}

/** The second half of postEntry: a claimed entry's postings and the balances they move. */
export async function addPostings(tx: Queryable, entryId: string, lines: PostingInput[], now: Date): Promise<void> {
  await addPostingsMany(tx, [{ entryId, lines }], now);
}

/** The balances of the accounts an addPostingsMany moved, right after the move, by accountKey. */
export type MovedBalances = Map<string, number>;

/**
 * addPostings for many claimed entries at once: three statements whatever their number. Each entry must
 * balance on its own. The balances move by each account's net change, taken in one fixed order for
 * every transaction (so two never deadlock): members' and MCNs' accounts first, by owner, asset and
 * kind, and the platform's last — every award moves the same few platform rows, so they are locked as
 * late as possible, for the shortest time before the commit, and once per batch rather than per entry.
 */
export async function addPostingsMany(
  tx: Queryable,
  entries: readonly { entryId: string; lines: readonly PostingInput[] }[],
  now: Date,
): Promise<MovedBalances> {
  const balances: MovedBalances = new Map();
  const lines = entries.flatMap((e) => {
    const nonZero = e.lines.filter((p) => p.amount !== 0);
    assertBalanced(nonZero);
    return nonZero.map((p) => ({ entryId: e.entryId, ...p }));
  });
  if (lines.length === 0) return balances;
  const ids = await ensureAccounts(tx, lines.map((p) => p.account), now);
  const net = new Map<string, { key: string; accountId: string; amount: number }>();
  for (const p of lines) {
    const key = accountKey(p.account);
    const prev = net.get(key);
    if (prev) prev.amount += p.amount;
    else net.set(key, { key, accountId: ids.get(key)!, amount: p.amount });
  }
  const rank = (k: string) => (k.startsWith("platform:") ? 1 : 0);
  const moves = [...net.values()]
    .filter((m) => m.amount !== 0)
    .sort((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((m, ord) => ({ ord, account_id: m.accountId, amount: m.amount }));

  const postingRows = lines.map((p) => ({ entry_id: p.entryId, account_id: ids.get(accountKey(p.account))!, asset: p.account.asset, amount: p.amount }));
  await tx.execute(sql`
    insert into postings (entry_id, account_id, asset, amount)
    select r.entry_id, r.account_id, r.asset, r.amount
    from jsonb_to_recordset(${JSON.stringify(postingRows)}::jsonb) as r(entry_id uuid, account_id uuid, asset text, amount bigint)`);
  if (moves.length === 0) return balances;
  const moved = JSON.stringify(moves);
  // Lock the balance rows in that order first (LockRows sits above the sort), then move them all.
  await tx.execute(sql`
    select b.account_id from jsonb_to_recordset(${moved}::jsonb) as r(ord int, account_id uuid, amount bigint)
    join account_balances b on b.account_id = r.account_id
    order by r.ord
    for update of b`);
  try {
    const rows = rowsOf<{ account_id: string; balance: number | string }>(
      await tx.execute(sql`
        update account_balances b set balance = b.balance + r.amount, updated_at = ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${moved}::jsonb) as r(ord int, account_id uuid, amount bigint)
        where b.account_id = r.account_id
        returning b.account_id, b.balance`),
    );
    const keyOf = new Map([...net.values()].map((m) => [m.accountId, m.key]));
    for (const r of rows) balances.set(keyOf.get(r.account_id)!, Number(r.balance));
  } catch (e) {
    if (pgErrorCode(e) === "23514") throw new AppError("CONFLICT", INSUFFICIENT, { cause: e });
    throw e;
  }
  return balances;
}

function assertBalanced(lines: readonly PostingInput[]) {
  const sums = new Map<LedgerAsset, number>();
  for (const p of lines) {
    if (!Number.isSafeInteger(p.amount)) throw new Error(`ledger: posting amount ${p.amount} is not an integer`);
    sums.set(p.account.asset, (sums.get(p.account.asset) ?? 0) + p.amount);
  }
  for (const [asset, sum] of sums) {
    if (sum !== 0) throw new Error(`ledger: postings of ${asset} sum to ${sum}, not 0`);
  }
}
