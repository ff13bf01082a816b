import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { rowsOf } from "../shared/sql-rows";

export interface LedgerInvariantReport {
  /** Entries whose postings don't sum to zero in some asset. */
  unbalancedEntries: { entryId: string; asset: string; sum: number }[];
  /** Accounts whose cached balance differs from the sum of their postings. */
  drift: { accountId: string; cached: number; actual: number }[];
  /** Spendable accounts below zero (the CHECK should make this impossible). */
  negative: { accountId: string; balance: number }[];
  /** Per asset, the sum of every posting (must be 0). */
  assetTotals: { asset: string; sum: number }[];
  ok: boolean;
}

/**
 * The ledger's invariants (DOMAIN.md): per asset every posting sums to zero, each entry balances, every
 * cached balance equals the sum of its postings, and no spendable balance is negative. A scheduled job
 * runs it and reports drift; tests run it after concurrency and crash scenarios.
 */
export async function checkLedgerInvariants(db: Queryable): Promise<LedgerInvariantReport> {
  const unbalancedEntries = rowsOf<{ entry_id: string; asset: string; sum: string | number }>(
    await db.execute(sql`select entry_id, asset, sum(amount) as sum from postings group by entry_id, asset having sum(amount) <> 0 limit 100`),
  ).map((r) => ({ entryId: r.entry_id, asset: r.asset, sum: Number(r.sum) }));
  const drift = rowsOf<{ account_id: string; cached: string | number; actual: string | number }>(
    await db.execute(sql`
      select b.account_id, b.balance as cached, coalesce(p.sum, 0) as actual
      from account_balances b
      left join (select account_id, sum(amount) as sum from postings group by account_id) p on p.account_id = b.account_id
      where b.balance <> coalesce(p.sum, 0)
      limit 100`),
  ).map((r) => ({ accountId: r.account_id, cached: Number(r.cached), actual: Number(r.actual) }));
  const negative = rowsOf<{ account_id: string; balance: string | number }>(
    await db.execute(sql`select account_id, balance from account_balances where non_negative and balance < 0 limit 100`),
  ).map((r) => ({ accountId: r.account_id, balance: Number(r.balance) }));
  const assetTotals = rowsOf<{ asset: string; sum: string | number }>(
    await db.execute(sql`select asset, sum(amount) as sum from postings group by asset order by asset`),
  ).map((r) => ({ asset: r.asset, sum: Number(r.sum) }));
  const ok = unbalancedEntries.length === 0 && drift.length === 0 && negative.length === 0 && assetTotals.every((a) => a.sum === 0);
  return { unbalancedEntries, drift, negative, assetTotals, ok };
}
