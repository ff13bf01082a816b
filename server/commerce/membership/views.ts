import { desc, eq } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { membershipPlans, memberships } from "../../../db/schema";
import type { MessageLocale } from "../../shared/messages";
import { activeMembershipAt, membershipPaidUntil } from "./active-membership-at";
import type { MembershipView, PlanView } from "./schemas";

export type PlanRow = typeof membershipPlans.$inferSelect;

export function planViewOf(row: PlanRow, locale: MessageLocale): PlanView {
  return {
    id: row.id,
    name: locale === "en" ? row.nameEn : row.nameZh,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    description: locale === "en" ? row.descriptionEn : row.descriptionZh,
    descriptionZh: row.descriptionZh,
    descriptionEn: row.descriptionEn,
    priceCents: row.priceCents,
    durationDays: row.durationDays,
    benefits: row.benefits,
    active: row.active === "active",
    position: row.position,
  };
}

/** The member's membership as they see it: the period running now, where paid time ends, and the last periods. */
export async function membershipViewOf(db: Queryable, userId: string, now: Date, locale: MessageLocale): Promise<MembershipView> {
  const [current, paidUntil, rows] = await Promise.all([
    activeMembershipAt(db, userId, now),
    membershipPaidUntil(db, userId, now),
    db
      .select({ m: memberships, nameZh: membershipPlans.nameZh, nameEn: membershipPlans.nameEn })
      .from(memberships)
      .innerJoin(membershipPlans, eq(membershipPlans.id, memberships.planId))
      .where(eq(memberships.userId, userId))
      .orderBy(desc(memberships.startsAt), desc(memberships.id))
      .limit(20),
  ]);
  const nameOf = (r: { nameZh: string; nameEn: string }) => (locale === "en" ? r.nameEn : r.nameZh);
  return {
    current: current
      ? {
          membershipId: current.membershipId,
          planId: current.planId,
          planName: nameOf(current),
          startsAt: current.startsAt.toISOString(),
          endsAt: current.endsAt.toISOString(),
          benefits: current.benefits,
        }
      : null,
    paidUntil: paidUntil?.toISOString() ?? null,
    periods: rows.map(({ m, ...names }) => ({
      id: m.id,
      planId: m.planId,
      planName: nameOf(names),
      orderId: m.orderId,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      status: m.cancelledAt ? "cancelled" : m.startsAt > now ? "upcoming" : m.endsAt <= now ? "ended" : "active",
    })),
  };
}
