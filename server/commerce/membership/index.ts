// Membership (会员): staff-defined plans bought through the shop's orders, periods, benefits as of a time.
export { activeMembershipAt, membershipPaidUntil, type ActiveMembership } from "./active-membership-at";
export { createMembershipPlan, updateMembershipPlan, MANAGE_PLANS } from "./save-membership-plan";
export { getMembershipPlan, getMyMembership, listMembershipPlans } from "./list-membership-plans";
export { purchaseMembership } from "./purchase-membership";
export { cancelMembershipForOrder, startMembership } from "./start-membership";
export { expireMemberships } from "./expire-memberships";
export { grantMonthlyMembershipPoints } from "./grant-monthly-points";
export {
  benefitsSchema,
  createPlanSchema,
  membershipViewSchema,
  planViewSchema,
  updatePlanSchema,
  type CreatePlanInput,
  type MembershipView,
  type PlanView,
  type UpdatePlanInput,
} from "./schemas";
