import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { expiresAtFor, readPointsPolicy } from "../../gamification/points";
import { openPointLot, platformAccount, postEntry, userAccount } from "../../ledger";
import { localDate } from "../../shared/clock";
import { rowsOf } from "../../shared/sql-rows";

/**
 * Pays each running membership its plan's monthly points once per platform-local month, keyed
 * `points:membership:<membershipId>:<yyyy-mm>`: the job may run any number of times a day (or twice at
 * once) and a month pays once. Points come from issuance with a lot, so they expire like any award;
 * they are a grant, not an activity, so the daily cap and the level multiplier don't apply.
 */
export async function grantMonthlyMembershipPoints(tx: Queryable, now: Date, timeZone: string): Promise<number> {
  const month = localDate(now, timeZone).slice(0, 7);
  const iso = now.toISOString();
  const due = rowsOf<{ id: string; user_id: string; points: number | string; plan_id: string }>(
    await tx.execute(sql`
      select m.id, m.user_id, m.plan_id, (p.benefits ->> 'monthlyPoints')::int as points
      from memberships m join membership_plans p on p.id = m.plan_id
      where m.starts_at <= ${iso}::timestamptz and m.ends_at > ${iso}::timestamptz and m.cancelled_at is null
        and (p.benefits ->> 'monthlyPoints')::int > 0
        and not exists (select 1 from journal_entries e where e.idempotency_key = 'points:membership:' || m.id || ':' || ${month})
      order by m.id`),
  );
  if (due.length === 0) return 0;
  const policy = await readPointsPolicy(tx);
  let granted = 0;
  for (const m of due) {
    const amount = Number(m.points);
    const { entryId, created } = await postEntry(tx, {
      idempotencyKey: `points:membership:${m.id}:${month}`,
      reason: "membership.monthly",
      userId: m.user_id,
      occurredAt: now,
      now,
      memo: { membershipId: m.id, planId: m.plan_id, month },
      postings: [
        { account: userAccount(m.user_id, "points"), amount },
        { account: platformAccount("points", "issuance"), amount: -amount },
      ],
    });
    if (!created) continue;
    await openPointLot(tx, { userId: m.user_id, entryId, amount, earnedAt: now, expiresAt: expiresAtFor(now, policy.expiry, timeZone) });
    granted++;
  }
  return granted;
}
