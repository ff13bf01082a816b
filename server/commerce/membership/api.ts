import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { orderViewSchema } from "../orders/schemas";
import { getMyMembership, listMembershipPlans } from "./list-membership-plans";
import { purchaseMembership } from "./purchase-membership";
import { createMembershipPlan, updateMembershipPlan } from "./save-membership-plan";
import { createPlanSchema, idSchema, membershipViewSchema, planViewSchema, updatePlanSchema } from "./schemas";

const tags = ["membership"];
const planParams = z.object({ planId: idSchema });

/** Membership plans (会员) over /api/v1: the same domain functions the pages call. */
export const membershipOperations: ApiOperation[] = [
  defineOperation({
    operationId: "listMembershipPlans",
    method: "get",
    path: "/membership-plans",
    summary: "Membership plans on sale, with their price, length and benefits",
    description: "`all=true` lists retired plans too (staff only).",
    tags,
    auth: "public",
    query: z.strictObject({ all: z.enum(["true", "false"], { error: "validation.invalid" }).optional() }),
    response: z.object({ plans: z.array(planViewSchema) }),
    handler: async ({ ctx, user, query, locale }) => ({ plans: await listMembershipPlans(ctx, user, locale, { all: query.all === "true" }) }),
  }),
  defineOperation({
    operationId: "purchaseMembership",
    method: "post",
    path: "/membership-plans/:planId/purchase",
    summary: "Buy a plan: places a pending membership order to pay like any order",
    description:
      "Returns the pending order; pay it with `payOrder`. The period starts when the order is paid, at the later of the payment " +
      "and the end of the caller's running membership (renewal extends). A full refund cancels the period.",
    tags,
    auth: "create:order:own",
    params: planParams,
    response: z.object({ order: orderViewSchema }),
    successStatus: 201,
    handler: async ({ ctx, user, params }) => ({ order: await purchaseMembership(ctx, user, params.planId) }),
  }),
  defineOperation({
    operationId: "getMyMembership",
    method: "get",
    path: "/me/membership",
    summary: "The caller's membership: the running period, paid-until and past periods",
    tags,
    auth: "user",
    response: z.object({ membership: membershipViewSchema }),
    handler: async ({ ctx, user, locale }) => ({ membership: await getMyMembership(ctx, user, locale) }),
  }),
  defineOperation({
    operationId: "createMembershipPlan",
    method: "post",
    path: "/membership-plans",
    summary: "Add a membership plan (staff; audited)",
    tags,
    auth: "manage:products:any",
    body: createPlanSchema,
    response: z.object({ plan: planViewSchema }),
    successStatus: 201,
    handler: async ({ ctx, user, body, locale }) => ({ plan: await createMembershipPlan(ctx, user, body, locale) }),
  }),
  defineOperation({
    operationId: "updateMembershipPlan",
    method: "patch",
    path: "/membership-plans/:planId",
    summary: "Change a membership plan, or retire it with `active: false` (staff; audited)",
    tags,
    auth: "manage:products:any",
    params: planParams,
    body: updatePlanSchema,
    response: z.object({ plan: planViewSchema }),
    handler: async ({ ctx, user, params, body, locale }) => ({ plan: await updateMembershipPlan(ctx, user, params.planId, body, locale) }),
  }),
];
