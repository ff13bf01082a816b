import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { rowsOf } from "../shared/sql-rows";

export interface PointLotInput {
  userId: string;
  entryId: string;
  amount: number;
  earnedAt: Date;
  expiresAt: Date | null;
}

/** Opens a FIFO lot for points credited to a user's available account (see db/schema/ledger.ts). */
export async function openPointLot(tx: Queryable, lot: PointLotInput): Promise<void> {
  await openPointLots(tx, [lot]);
}

/** openPointLot for many credits in one statement. */
export async function openPointLots(tx: Queryable, lots: readonly PointLotInput[]): Promise<void> {
  const rows = lots
    .filter((l) => l.amount > 0)
    .map((l) => ({ user_id: l.userId, entry_id: l.entryId, amount: l.amount, earned_at: l.earnedAt.toISOString(), expires_at: l.expiresAt?.toISOString() ?? null }));
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into point_lots (user_id, entry_id, amount, remaining, earned_at, expires_at)
    select r.user_id, r.entry_id, r.amount, r.amount, r.earned_at, r.expires_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(user_id uuid, entry_id uuid, amount int, earned_at timestamptz, expires_at timestamptz)
    on conflict do nothing`);
}

/**
 * Takes `amount` points out of a user's lots, oldest first (the ones that expire soonest go first when
 * expiry is on, since lots expire in earning order). Call it in the transaction that posts the spend;
 * the ledger's CHECK, not this, is what refuses an overdraft, so a shortfall here is simply ignored.
 * Returns the lots touched, so a refund can give the points back to the same lots.
 */
export async function consumePointLots(tx: Queryable, userId: string, amount: number): Promise<{ lotId: string; taken: number }[]> {
  if (amount <= 0) return [];
  const lots = rowsOf<{ id: string; remaining: number }>(
    await tx.execute(sql`
      select id, remaining from point_lots where user_id = ${userId} and remaining > 0
      order by earned_at, id for update`),
  );
  const taken: { lotId: string; taken: number }[] = [];
  let left = amount;
  for (const lot of lots) {
    if (left <= 0) break;
    const take = Math.min(left, Number(lot.remaining));
    await tx.execute(sql`update point_lots set remaining = remaining - ${take} where id = ${lot.id}`);
    taken.push({ lotId: lot.id, taken: take });
    left -= take;
  }
  return taken;
}
