import { and, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { membershipPlans, memberships, orders } from "../../../db/schema";
import { emitEvent } from "../../jobs/emit-event";
import { MEMBERSHIP_ENDED, MEMBERSHIP_STARTED, type MembershipPayload } from "../events";
import { membershipPaidUntil } from "./active-membership-at";

const DAY_MS = 86_400_000;

/**
 * A paid membership order starts one period (memberships is unique on the order, so a redelivered
 * `commerce.order.paid` starts nothing twice). A renewal extends: the period starts at the later of the
 * payment and the end of the member's paid time, so paying twice for 30 days gives 60 in a row.
 * Periods of one member are decided one at a time (an advisory lock on the member), so two orders paid
 * at once still line up end to start. An order refunded before this runs starts nothing.
 */
export async function startMembership(tx: Queryable, input: { orderId: string; userId: string; planId: string; paidAt: Date; now: Date }): Promise<MembershipPayload | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('membership:' || ${input.userId}))`);
  const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, input.orderId));
  if (!order || order.status === "refunded" || order.status === "cancelled" || order.status === "pending") return null;
  const [plan] = await tx.select({ durationDays: membershipPlans.durationDays }).from(membershipPlans).where(eq(membershipPlans.id, input.planId));
  if (!plan) return null;
  const paidUntil = await membershipPaidUntil(tx, input.userId, input.paidAt);
  const startsAt = paidUntil && paidUntil > input.paidAt ? paidUntil : input.paidAt;
  const endsAt = new Date(startsAt.getTime() + plan.durationDays * DAY_MS);
  const [row] = await tx
    .insert(memberships)
    .values({ userId: input.userId, planId: input.planId, orderId: input.orderId, startsAt, endsAt, createdAt: input.now })
    .onConflictDoNothing({ target: memberships.orderId })
    .returning();
  if (!row) return null;
  const payload: MembershipPayload = { membershipId: row.id, userId: row.userId, planId: row.planId, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
  await emitEvent(tx, { type: MEMBERSHIP_STARTED, payload, occurredAt: input.now });
  return payload;
}

/**
 * A fully refunded membership order cancels its period from the refund's time: benefits stop then
 * (activeMembershipAt honours cancelledAt) and `commerce.membership.ended` goes out, so distribution
 * rights resting on it are re-checked. A partial refund is a goodwill gesture and leaves the period
 * running. A later renewal keeps its own dates.
 */
export async function cancelMembershipForOrder(tx: Queryable, input: { orderId: string; at: Date; now: Date }): Promise<MembershipPayload | null> {
  const [row] = await tx
    .update(memberships)
    .set({ cancelledAt: input.at })
    .where(and(eq(memberships.orderId, input.orderId), isNull(memberships.cancelledAt), isNull(memberships.endedAt)))
    .returning();
  if (!row) return null;
  const payload: MembershipPayload = { membershipId: row.id, userId: row.userId, planId: row.planId, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() };
  await emitEvent(tx, { type: MEMBERSHIP_ENDED, payload, occurredAt: input.now });
  return payload;
}
