import { sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { emitEvent } from "../../jobs/emit-event";
import { ensureAccount, lockBalance, platformAccount, postEntry, userAccount } from "../../ledger";
import { readPointsPolicy } from "./policy";
import { rowsOf } from "../../shared/sql-rows";

export const POINTS_EXPIRING = "gamification.points.expiring";

/**
 * Moves what remains of every lot whose expiry has passed to the platform's breakage account: one
 * journal entry per lot, keyed `expiry:lot:<lotId>`, each in its own short transaction so one
 * member's trouble never holds up the rest. The lot row is locked (SKIP LOCKED: two workers split
 * the work) and emptied in the entry's transaction, so a crash either expires a lot fully or not at
 * all, and a rerun finds nothing left to do.
 *
 * The amount never exceeds the member's balance: spending that bypassed the lots (the ledger is the
 * truth, lots are bookkeeping) must not turn expiry into an overdraft.
 */
export async function expirePoints(db: Database, options: { now: Date; batchSize?: number }): Promise<{ lots: number; points: number }> {
  let lots = 0;
  let points = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [lot] = rowsOf<{ id: string; user_id: string; remaining: number; expires_at: string | Date }>(
        await tx.execute(sql`
          select id, user_id, remaining, expires_at from point_lots
          where remaining > 0 and expires_at is not null and expires_at <= ${options.now.toISOString()}::timestamptz
          order by expires_at, id limit 1 for update skip locked`),
      );
      if (!lot) return null;
      const account = userAccount(lot.user_id, "points");
      const balance = await lockBalance(tx, await ensureAccount(tx, account, options.now));
      const amount = Math.min(Number(lot.remaining), Math.max(balance, 0));
      await postEntry(tx, {
        idempotencyKey: `expiry:lot:${lot.id}`,
        reason: "expiry",
        userId: lot.user_id,
        memo: { lotId: lot.id, expiresAt: new Date(lot.expires_at).toISOString() },
        occurredAt: new Date(lot.expires_at),
        now: options.now,
        postings: [
          { account, amount: -amount },
          { account: platformAccount("points", "breakage"), amount },
        ],
      });
      await tx.execute(sql`update point_lots set remaining = 0 where id = ${lot.id}`);
      return amount;
    });
    if (done === null) break;
    lots += 1;
    points += done;
    if (options.batchSize && lots >= options.batchSize) break;
  }
  return { lots, points };
}

/**
 * Tells members about points that will expire within the policy's reminder window: one
 * `gamification.points.expiring` event per member and run, naming the lots it covers; the lots are
 * marked `reminded_at` in the same transaction, so each lot is announced once however often the
 * job runs. The event's consumer writes the inbox notice.
 */
export async function remindExpiringPoints(db: Database, options: { now: Date }): Promise<{ members: number }> {
  const policy = await readPointsPolicy(db);
  const horizon = new Date(options.now.getTime() + policy.reminderDays * 86_400_000);
  return db.transaction(async (tx) => {
    const rows = rowsOf<{ user_id: string; points: string | number; first: string | Date; lots: string[] }>(
      await tx.execute(sql`
        with due as (
          select id, user_id, remaining, expires_at from point_lots
          where remaining > 0 and reminded_at is null and expires_at is not null
            and expires_at > ${options.now.toISOString()}::timestamptz and expires_at <= ${horizon.toISOString()}::timestamptz
          for update skip locked
        ), marked as (
          update point_lots l set reminded_at = ${options.now.toISOString()}::timestamptz from due where l.id = due.id returning l.id
        )
        select user_id, sum(remaining) as points, min(expires_at) as first, array_agg(id::text order by expires_at) as lots
        from due where id in (select id from marked) group by user_id`),
    );
    for (const r of rows) {
      await emitEvent(tx, {
        type: POINTS_EXPIRING,
        payload: { userId: r.user_id, points: Number(r.points), expiresAt: new Date(r.first).toISOString(), lotIds: r.lots },
        occurredAt: options.now,
      });
    }
    return { members: rows.length };
  });
}
