import { eq } from "drizzle-orm";
import { membershipPlans } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { recordAudit } from "../../ops";
import { AppError } from "../../shared/errors";
import type { MessageLocale } from "../../shared/messages";
import { createPlanSchema, isUuid, updatePlanSchema, type CreatePlanInput, type PlanView, type UpdatePlanInput } from "./schemas";
import { planViewOf, type PlanRow } from "./views";

/** Plans are part of what the shop sells: the same staff permission as products. */
export const MANAGE_PLANS = "manage:products:any" as const;

function audited(row: PlanRow) {
  const { createdAt: _c, updatedAt: _u, id: _id, ...rest } = row;
  return rest;
}

/** Staff add a membership plan; the audit log keeps it whole. */
export async function createMembershipPlan(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser, input: CreatePlanInput, locale: MessageLocale = "zh-CN"): Promise<PlanView> {
  requirePermission(staff, MANAGE_PLANS);
  const data = parseInput(createPlanSchema, input);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(membershipPlans)
      .values({ ...data, active: data.active ? "active" : "retired", createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, { actorId: staff.id, action: "commerce.membershipPlan.created", subjectType: "membership_plan", subjectId: row!.id, before: null, after: audited(row!), at: now });
    return row!;
  });
  return planViewOf(row, locale);
}

/**
 * Staff change a plan. Periods already bought keep their length; a new price applies to orders placed
 * from now on (placed orders carry their own price). Benefits are read at each event's time, so a
 * change to them applies to every running period from then on. Retiring a plan takes it off sale.
 */
export async function updateMembershipPlan(
  ctx: Pick<AppContext, "db" | "clock">,
  staff: CurrentUser,
  planId: string,
  input: UpdatePlanInput,
  locale: MessageLocale = "zh-CN",
): Promise<PlanView> {
  requirePermission(staff, MANAGE_PLANS);
  const data = parseInput(updatePlanSchema, input);
  if (!isUuid(planId)) throw new AppError("NOT_FOUND", "membership.plan.notFound");
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(membershipPlans).where(eq(membershipPlans.id, planId)).for("update");
    if (!before) throw new AppError("NOT_FOUND", "membership.plan.notFound");
    const { active, ...rest } = data;
    const [after] = await tx
      .update(membershipPlans)
      .set({ ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), ...(active !== undefined ? { active: active ? "active" : "retired" } : {}), updatedAt: now })
      .where(eq(membershipPlans.id, planId))
      .returning();
    await recordAudit(tx, { actorId: staff.id, action: "commerce.membershipPlan.updated", subjectType: "membership_plan", subjectId: planId, before: audited(before), after: audited(after!), at: now });
    return after!;
  });
  return planViewOf(row, locale);
}
