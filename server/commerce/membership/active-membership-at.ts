import { and, asc, desc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { membershipPlans, memberships, type MembershipBenefits } from "../../../db/schema";
import { rowsOf } from "../../shared/sql-rows";

export interface ActiveMembership {
  membershipId: string;
  planId: string;
  nameZh: string;
  nameEn: string;
  startsAt: Date;
  endsAt: Date;
  benefits: MembershipBenefits;
}

/**
 * The membership period that was running at `at`, with its plan's benefits, or null. Benefits apply as of
 * each event's own time: a check-in yesterday counts yesterday's plan, not today's. A period cut short by a
 * refund ran until it was cancelled; one the expiry job has not closed yet still ends at its `endsAt`.
 * When periods overlap (they shouldn't: a renewal starts where the last one ends) the earliest-started wins.
 */
export async function activeMembershipAt(db: Queryable, userId: string, at: Date): Promise<ActiveMembership | null> {
  const iso = at.toISOString();
  const [row] = await db
    .select({
      membershipId: memberships.id,
      planId: memberships.planId,
      startsAt: memberships.startsAt,
      endsAt: memberships.endsAt,
      nameZh: membershipPlans.nameZh,
      nameEn: membershipPlans.nameEn,
      benefits: membershipPlans.benefits,
    })
    .from(memberships)
    .innerJoin(membershipPlans, eq(membershipPlans.id, memberships.planId))
    .where(
      and(
        eq(memberships.userId, userId),
        lte(memberships.startsAt, sql`${iso}::timestamptz`),
        gt(memberships.endsAt, sql`${iso}::timestamptz`),
        or(isNull(memberships.cancelledAt), gt(memberships.cancelledAt, sql`${iso}::timestamptz`)),
      ),
    )
    .orderBy(asc(memberships.startsAt))
    .limit(1);
  return row ?? null;
}

/**
 * Where the member's paid time runs out: the latest end of their periods not cancelled, if it is after
 * `at`. A renewal bought now starts there (or now, when nothing is running).
 */
export async function membershipPaidUntil(db: Queryable, userId: string, at: Date): Promise<Date | null> {
  const [row] = await db
    .select({ endsAt: memberships.endsAt })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.cancelledAt), gt(memberships.endsAt, sql`${at.toISOString()}::timestamptz`)))
    .orderBy(desc(memberships.endsAt))
    .limit(1);
  return row?.endsAt ?? null;
}

/**
 * The points multiplier (basis points, 10,000 = none) of the membership running at each award's own
 * time, the same rule as activeMembershipAt, for a whole batch of awards in one statement — the points
 * ledger prices every award with it.
 */
export async function membershipPointsMultipliers(db: Queryable, awards: readonly { userId: string; at: Date }[]): Promise<number[]> {
  if (awards.length === 0) return [];
  const rows = rowsOf<{ i: number; bp: number | string }>(
    await db.execute(sql`
      select r.i, coalesce((
        select (p.benefits ->> 'pointsMultiplierBp')::int
        from memberships m join membership_plans p on p.id = m.plan_id
        where m.user_id = r.user_id and m.starts_at <= r.at and m.ends_at > r.at and (m.cancelled_at is null or m.cancelled_at > r.at)
        order by m.starts_at
        limit 1
      ), 10000) as bp
      from jsonb_to_recordset(${JSON.stringify(awards.map((a, i) => ({ i, user_id: a.userId, at: a.at.toISOString() })))}::jsonb) as r(i int, user_id uuid, at timestamptz)`),
  );
  const out = awards.map(() => 10_000);
  for (const r of rows) out[Number(r.i)] = Math.max(Number(r.bp) || 10_000, 0);
  return out;
}
