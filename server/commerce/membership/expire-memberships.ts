import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { emitEvent } from "../../jobs/emit-event";
import { rowsOf } from "../../shared/sql-rows";
import { MEMBERSHIP_ENDED, type MembershipPayload } from "../events";

/**
 * Closes every period whose end has passed: `endedAt` is set in the same UPDATE that picks the rows
 * (`ended_at is null` in its WHERE), so two runs never end one period twice, and each closed period
 * sends `commerce.membership.ended` (distribution rights then re-check; a contiguous renewal simply
 * takes over). Returns how many ended.
 */
export async function expireMemberships(tx: Queryable, now: Date, limit = 500): Promise<number> {
  const rows = rowsOf<{ id: string; user_id: string; plan_id: string; starts_at: string | Date; ends_at: string | Date }>(
    await tx.execute(sql`
      update memberships set ended_at = ${now.toISOString()}::timestamptz
      where id in (
        select id from memberships
        where ended_at is null and cancelled_at is null and ends_at <= ${now.toISOString()}::timestamptz
        order by ends_at limit ${limit} for update skip locked)
      returning id, user_id, plan_id, starts_at, ends_at`),
  );
  for (const r of rows) {
    const payload: MembershipPayload = {
      membershipId: r.id,
      userId: r.user_id,
      planId: r.plan_id,
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
    };
    await emitEvent(tx, { type: MEMBERSHIP_ENDED, payload, occurredAt: now });
  }
  return rows.length;
}
