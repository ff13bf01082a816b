import { and, asc, eq } from "drizzle-orm";
import { membershipPlans } from "../../../db/schema";
import type { AppContext } from "../../context";
import { can, requirePermission, type CurrentUser } from "../../identity";
import { AppError } from "../../shared/errors";
import type { MessageLocale } from "../../shared/messages";
import { MANAGE_PLANS } from "./save-membership-plan";
import { isUuid, type MembershipView, type PlanView } from "./schemas";
import { membershipViewOf, planViewOf } from "./views";

/** Plans on sale, in staff's order (cheapest first among equals); staff may ask for retired ones too (`all`). */
export async function listMembershipPlans(ctx: Pick<AppContext, "db">, viewer: CurrentUser | null, locale: MessageLocale, options: { all?: boolean } = {}): Promise<PlanView[]> {
  if (options.all) requirePermission(viewer, MANAGE_PLANS);
  const rows = await ctx.db
    .select()
    .from(membershipPlans)
    .where(options.all ? undefined : and(eq(membershipPlans.active, "active")))
    .orderBy(asc(membershipPlans.position), asc(membershipPlans.priceCents), asc(membershipPlans.id));
  return rows.map((r) => planViewOf(r, locale));
}

/** One plan; a retired plan is shown only to staff. */
export async function getMembershipPlan(ctx: Pick<AppContext, "db">, viewer: CurrentUser | null, planId: string, locale: MessageLocale): Promise<PlanView> {
  if (!isUuid(planId)) throw new AppError("NOT_FOUND", "membership.plan.notFound");
  const [row] = await ctx.db.select().from(membershipPlans).where(eq(membershipPlans.id, planId));
  if (!row || (row.active !== "active" && !can(viewer, MANAGE_PLANS))) throw new AppError("NOT_FOUND", "membership.plan.notFound");
  return planViewOf(row, locale);
}

/** The signed-in member's own membership: the running period, paid-until, and their periods. */
export async function getMyMembership(ctx: Pick<AppContext, "db" | "clock">, member: CurrentUser, locale: MessageLocale): Promise<MembershipView> {
  requirePermission(member, "read:profile:own");
  return membershipViewOf(ctx.db, member.id, ctx.clock.now(), locale);
}
