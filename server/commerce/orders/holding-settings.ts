import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { writeSetting } from "../../ops";
import { MANAGE_PRODUCTS } from "../products/save-product";
import { readHoldingSettings } from "./mark-paid";
import { HOLDING_SETTINGS_KEY, holdingSettingsSchema, type HoldingSettings } from "./schemas";

export { readHoldingSettings };

/**
 * Staff set how many days a paid order waits before it (and its commission) confirms. Audited; applies
 * to orders paid from now on — each order keeps the confirmableAt it was paid with.
 */
export async function updateHoldingSettings(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser, input: unknown): Promise<HoldingSettings> {
  requirePermission(staff, MANAGE_PRODUCTS);
  const data = parseInput(holdingSettingsSchema, input);
  await ctx.db.transaction((tx) => writeSetting(tx, { key: HOLDING_SETTINGS_KEY, value: data, actorId: staff.id, now: ctx.clock.now() }));
  return data;
}
