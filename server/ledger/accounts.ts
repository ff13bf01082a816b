import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { accountBalances, ledgerAccounts, PLATFORM_OWNER_ID, type LedgerAsset, type LedgerOwnerType } from "../../db/schema";
import { rowsOf } from "../shared/sql-rows";

/** Names one account: whose, in which asset, and which of their accounts. */
export interface AccountRef {
  ownerType: LedgerOwnerType;
  ownerId: string;
  asset: LedgerAsset;
  kind: string;
}

/**
 * Account kinds that hold spendable value and so may never go negative. Platform accounts
 * (issuance, expense, breakage, payouts …) are the other side of every credit and run negative by design.
 */
const NON_NEGATIVE_KINDS = new Set(["available", "pending", "confirmed"]);

export const userAccount = (userId: string, asset: LedgerAsset, kind = "available"): AccountRef => ({
  ownerType: "user",
  ownerId: userId,
  asset,
  kind,
});

export const platformAccount = (asset: LedgerAsset, kind: string): AccountRef => ({
  ownerType: "platform",
  ownerId: PLATFORM_OWNER_ID,
  asset,
  kind,
});

export const mcnAccount = (mcnId: string, asset: LedgerAsset, kind = "available"): AccountRef => ({
  ownerType: "mcn",
  ownerId: mcnId,
  asset,
  kind,
});

export const accountKey = (a: AccountRef) => `${a.ownerType}:${a.ownerId}:${a.asset}:${a.kind}`;

/**
 * The ids of several accounts, creating any that don't exist yet. Every account is read in one
 * statement whatever their number (the names travel as one JSON parameter, so the statement and its
 * plan stay the same); the missing ones are created together with insert-on-conflict, so two first
 * uses never race, and read back.
 */
export async function ensureAccounts(tx: Queryable, refs: readonly AccountRef[], now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (refs.length === 0) return ids;
  const unique = [...new Map(refs.map((r) => [accountKey(r), r])).values()];
  const read = async (list: AccountRef[]) => {
    const rows = rowsOf<{ id: string; owner_type: LedgerOwnerType; owner_id: string; asset: LedgerAsset; kind: string }>(
      await tx.execute(sql`
        select a.id, a.owner_type, a.owner_id, a.asset, a.kind
        from jsonb_to_recordset(${JSON.stringify(list.map(refRow))}::jsonb) as r(owner_type text, owner_id uuid, asset text, kind text)
        join ledger_accounts a on a.owner_type = r.owner_type and a.owner_id = r.owner_id and a.asset = r.asset and a.kind = r.kind`),
    );
    for (const r of rows) ids.set(accountKey({ ownerType: r.owner_type, ownerId: r.owner_id, asset: r.asset, kind: r.kind }), r.id);
  };
  await read(unique);
  const missing = unique.filter((r) => !ids.has(accountKey(r)));
  if (missing.length === 0) return ids;

  const created = rowsOf<{ id: string; non_negative: boolean; owner_type: LedgerOwnerType; owner_id: string; asset: LedgerAsset; kind: string }>(
    await tx.execute(sql`
      insert into ledger_accounts (owner_type, owner_id, asset, kind, non_negative, created_at)
      select r.owner_type, r.owner_id, r.asset, r.kind, r.non_negative, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(missing.map((r) => ({ ...refRow(r), non_negative: isNonNegative(r) })))}::jsonb)
        as r(owner_type text, owner_id uuid, asset text, kind text, non_negative boolean)
      on conflict do nothing
      returning id, non_negative, owner_type, owner_id, asset, kind`),
  );
  if (created.length > 0) {
    await tx.execute(sql`
      insert into account_balances (account_id, balance, non_negative, updated_at)
      select r.id, 0, r.non_negative, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(created.map((r) => ({ id: r.id, non_negative: r.non_negative })))}::jsonb) as r(id uuid, non_negative boolean)
      on conflict do nothing`);
  }
  for (const r of created) ids.set(accountKey({ ownerType: r.owner_type, ownerId: r.owner_id, asset: r.asset, kind: r.kind }), r.id);
  // Those created by a concurrent first use (their insert did nothing here) are read back.
  const raced = missing.filter((r) => !ids.has(accountKey(r)));
  if (raced.length > 0) await read(raced);
  return ids;
}

const refRow = (r: AccountRef) => ({ owner_type: r.ownerType, owner_id: r.ownerId, asset: r.asset, kind: r.kind });
/** Whether the account holds spendable value (its balance may never go below zero). */
export const isNonNegative = (ref: AccountRef) => ref.ownerType !== "platform" && NON_NEGATIVE_KINDS.has(ref.kind);

/** The account's id, creating it (and its zero balance row) the first time it is named. */
export async function ensureAccount(tx: Queryable, ref: AccountRef, now: Date): Promise<string> {
  return (await ensureAccounts(tx, [ref], now)).get(accountKey(ref))!;
}

/** The cached balance of one account (0 when it has never been used). */
export async function balanceOf(db: Queryable, ref: AccountRef): Promise<number> {
  const [row] = await db
    .select({ balance: accountBalances.balance })
    .from(accountBalances)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, accountBalances.accountId))
    .where(
      and(
        eq(ledgerAccounts.ownerType, ref.ownerType),
        eq(ledgerAccounts.ownerId, ref.ownerId),
        eq(ledgerAccounts.asset, ref.asset),
        eq(ledgerAccounts.kind, ref.kind),
      ),
    );
  return Number(row?.balance ?? 0);
}

/** Every balance of one owner, keyed `asset:kind` (e.g. `points:available`, `growth:available`). */
export async function balancesOfOwner(db: Queryable, ownerType: LedgerOwnerType, ownerId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ asset: ledgerAccounts.asset, kind: ledgerAccounts.kind, balance: accountBalances.balance })
    .from(ledgerAccounts)
    .innerJoin(accountBalances, eq(accountBalances.accountId, ledgerAccounts.id))
    .where(and(eq(ledgerAccounts.ownerType, ownerType), eq(ledgerAccounts.ownerId, ownerId)));
  const out: Record<string, number> = {};
  for (const r of rows) out[`${r.asset}:${r.kind}`] = Number(r.balance);
  return out;
}

/** Locks an account's balance row until the transaction ends (serialises spends of one wallet). */
export async function lockBalance(tx: Queryable, accountId: string): Promise<number> {
  const rows = await tx.execute(sql`select balance from account_balances where account_id = ${accountId} for update`);
  return Number(rowsOf<{ balance: unknown }>(rows)[0]?.balance ?? 0);
}
