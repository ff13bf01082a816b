import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { writeSetting } from "../../ops";
import { readTierSettings, TIER_SETTINGS_KEY, tierSettingsSchema, type TierSettings } from "./settings";

/** The tier thresholds and multipliers as staff see them before editing (the defaults until saved). */
export async function getTierSettings(ctx: Pick<AppContext, "db">, staff: CurrentUser | null): Promise<TierSettings> {
  requirePermission(staff, "manage:rules:any");
  return readTierSettings(ctx.db);
}

/**
 * Staff replace the thresholds, multipliers and grace (audited with before/after by writeSetting). New
 * commissions use a new multiplier at once; tiers move at the next nightly run, with the usual grace.
 */
export async function updateTierSettings(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null, input: unknown): Promise<TierSettings> {
  requirePermission(staff, "manage:rules:any");
  const data = parseInput(tierSettingsSchema, input);
  await ctx.db.transaction((tx) => writeSetting(tx, { key: TIER_SETTINGS_KEY, value: data, actorId: staff.id, now: ctx.clock.now() }));
  return data;
}
