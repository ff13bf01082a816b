import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { pointLots } from "../../db/schema";
import { rowsOf } from "../shared/sql-rows";

/** Opens a FIFO lot for points credited to a user's available account (see db/schema/ledger.ts). */
export async function openPointLot(
  tx: Queryable,
  lot: { userId: string; entryId: string; amount: number; earnedAt: Date; expiresAt: Date | null },
): Promise<void> {
  if (lot.amount <= 0) return;
  await tx
    .insert(pointLots)
    .values({ userId: lot.userId, entryId: lot.entryId, amount: lot.amount, remaining: lot.amount, earnedAt: lot.earnedAt, expiresAt: lot.expiresAt })
    .onConflictDoNothing();
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
