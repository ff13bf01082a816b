import { z } from "zod";
import type { Queryable } from "../../../db/client";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { readSetting, writeSetting } from "../../ops";
import { ATTRIBUTION_SETTINGS_KEY, attributionSettingsSchema, DEFAULT_ATTRIBUTION_SETTINGS, type AttributionSettings } from "./resolve-attribution";

/** What staff may send: the window in whole days (messages are keys, translated at each boundary). */
export const attributionSettingsInputSchema = z.strictObject({
  windowDays: z
    .number({ error: "distribution.attribution.windowDays" })
    .int("distribution.attribution.windowDays")
    .min(1, "distribution.attribution.windowDays")
    .max(90, "distribution.attribution.windowDays"),
});
export type AttributionSettingsInput = z.input<typeof attributionSettingsInputSchema>;

/** The attribution window in force (DESIGN.md's 7 days until staff change it). */
export function readAttributionSettings(db: Queryable): Promise<AttributionSettings> {
  return readSetting(db, ATTRIBUTION_SETTINGS_KEY, attributionSettingsSchema, DEFAULT_ATTRIBUTION_SETTINGS);
}

/**
 * Staff set how long after a click an order still credits the link (last click wins). Audited by
 * writeSetting. Applies to orders placed from now on; orders already attributed keep their creator.
 */
export async function updateAttributionSettings(
  ctx: Pick<AppContext, "db" | "clock">,
  staff: CurrentUser,
  input: AttributionSettingsInput,
): Promise<AttributionSettings> {
  requirePermission(staff, "manage:rules:any");
  const data = parseInput(attributionSettingsInputSchema, input);
  await ctx.db.transaction((tx) => writeSetting(tx, { key: ATTRIBUTION_SETTINGS_KEY, value: data, actorId: staff.id, now: ctx.clock.now() }));
  return data;
}
