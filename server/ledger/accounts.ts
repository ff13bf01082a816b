import { and, eq, or, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { accountBalances, ledgerAccounts, PLATFORM_OWNER_ID, type LedgerAsset, type LedgerOwnerType } from "../../db/schema";

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
 * The ids of several accounts, creating any that don't exist yet. The common case — every account
 * already exists — is one read; creation stays insert-on-conflict, so two first uses never race.
 */
export async function ensureAccounts(tx: Queryable, refs: readonly AccountRef[], now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (refs.length === 0) return ids;
  const rows = await tx
    .select({ id: ledgerAccounts.id, ownerType: ledgerAccounts.ownerType, ownerId: ledgerAccounts.ownerId, asset: ledgerAccounts.asset, kind: ledgerAccounts.kind })
    .from(ledgerAccounts)
    .where(
      or(
        ...refs.map((r) =>
          and(eq(ledgerAccounts.ownerType, r.ownerType), eq(ledgerAccounts.ownerId, r.ownerId), eq(ledgerAccounts.asset, r.asset), eq(ledgerAccounts.kind, r.kind)),
        ),
      ),
    );
  for (const r of rows) ids.set(accountKey(r), r.id);
  for (const ref of refs) if (!ids.has(accountKey(ref))) ids.set(accountKey(ref), await ensureAccount(tx, ref, now));
  return ids;
}

/** The account's id, creating it (and its zero balance row) the first time it is named. */
export async function ensureAccount(tx: Queryable, ref: AccountRef, now: Date): Promise<string> {
  const nonNegative = ref.ownerType !== "platform" && NON_NEGATIVE_KINDS.has(ref.kind);
  const [created] = await tx
    .insert(ledgerAccounts)
    .values({ ...ref, nonNegative, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: ledgerAccounts.id });
  if (created) {
    await tx.insert(accountBalances).values({ accountId: created.id, balance: 0, nonNegative, updatedAt: now }).onConflictDoNothing();
    return created.id;
  }
  const [existing] = await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(
      and(
        eq(ledgerAccounts.ownerType, ref.ownerType),
        eq(ledgerAccounts.ownerId, ref.ownerId),
        eq(ledgerAccounts.asset, ref.asset),
        eq(ledgerAccounts.kind, ref.kind),
      ),
    );
  return existing!.id;
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
  const list = Array.isArray(rows) ? rows : ((rows as { rows?: unknown[] }).rows ?? []);
  return Number((list[0] as { balance?: unknown } | undefined)?.balance ?? 0);
}
