/**
 * Distribution rights, membership and fraud flags as the web UI uses them. Routes import server code
 * only through `.server` modules so none of it reaches the browser bundle.
 */
export {
  getEligibilitySettings,
  getMyDistributionRights,
  updateEligibilitySettings,
  type EligibilitySettings,
  type RightsView,
} from "../../../server/distribution/rights";
export { listFraudFlags, resolveFraudFlag, type FraudFlagView } from "../../../server/distribution/fraud";
export {
  createMembershipPlan,
  getMyMembership,
  listMembershipPlans,
  purchaseMembership,
  updateMembershipPlan,
  type MembershipView,
  type PlanView,
} from "../../../server/commerce/membership";
export { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
export { requireStaff } from "~/utils/content.server";

/** A form's fields as strings, to put back into the form after a refused post. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") values[k] = v;
  return values;
}

/** "99" or "99.5" yuan → integer cents; anything else is passed through for the schema to refuse. */
export function centsOf(value: FormDataEntryValue | null): number | string {
  const s = typeof value === "string" ? value.trim() : "";
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return s;
  return Math.round(Number(s) * 100);
}

/** A whole number from a form field, or the raw text (so the schema reports it). */
export function intOf(value: FormDataEntryValue | null): number | string {
  const s = typeof value === "string" ? value.trim() : "";
  return /^-?\d+$/.test(s) ? Number(s) : s;
}
