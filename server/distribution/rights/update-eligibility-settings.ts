import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { writeSetting } from "../../ops";
import { ELIGIBILITY_SETTINGS_KEY, eligibilitySettingsSchema, readEligibilitySettings, type EligibilitySettings } from "./settings";

/** The eligibility paths as staff see them before editing (the defaults until someone saves). */
export async function getEligibilitySettings(ctx: Pick<AppContext, "db">, staff: CurrentUser): Promise<EligibilitySettings> {
  requirePermission(staff, "manage:rules:any");
  return readEligibilitySettings(ctx.db);
}

/**
 * Staff replace the eligibility paths (audited by writeSetting). Members already on a path keep their
 * rights until their next re-check (their next check-in, order, membership change, or the daily job),
 * which applies the new terms: a stricter threshold revokes then, not in the middle of a sale.
 */
export async function updateEligibilitySettings(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser, input: unknown): Promise<EligibilitySettings> {
  requirePermission(staff, "manage:rules:any");
  const data = parseInput(eligibilitySettingsSchema, input);
  await ctx.db.transaction((tx) => writeSetting(tx, { key: ELIGIBILITY_SETTINGS_KEY, value: data, actorId: staff.id, now: ctx.clock.now() }));
  return data;
}
