import { inArray } from "drizzle-orm";
import { pointRules } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { writeSetting } from "../../ops";
import { AppError } from "../../shared/errors";
import { parseInput } from "./parse-input";
import { CHECKIN_SETTINGS_KEY, checkinSettingsSchema, readCheckInSettings, type CheckInSettings } from "./settings";

/** The check-in setting as staff see it before editing (defaults until someone saves one). */
export async function getCheckInSettings(ctx: Pick<AppContext, "db">, user: CurrentUser): Promise<CheckInSettings> {
  requirePermission(user, "manage:rules:any");
  return readCheckInSettings(ctx.db);
}

/**
 * Staff replace the check-in setting: the streak bonus ladder and the make-up card terms. Every rung
 * must name an existing point rule (the rules editor prices it). Audited by writeSetting.
 */
export async function updateCheckInSettings(
  ctx: Pick<AppContext, "db" | "clock">,
  user: CurrentUser,
  raw: CheckInSettings,
): Promise<CheckInSettings> {
  requirePermission(user, "manage:rules:any");
  const input = parseInput(checkinSettingsSchema, raw);
  return ctx.db.transaction(async (tx) => {
    const keys = input.streakBonuses.map((b) => b.ruleKey);
    const known = keys.length ? new Set((await tx.select({ key: pointRules.key }).from(pointRules).where(inArray(pointRules.key, keys))).map((r) => r.key)) : new Set<string>();
    const fields: Record<string, string[]> = {};
    input.streakBonuses.forEach((rung, i) => {
      if (!known.has(rung.ruleKey)) fields[`streakBonuses.${i}.ruleKey`] = ["checkin.settings.unknownRule"];
    });
    if (Object.keys(fields).length > 0) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields });
    await writeSetting(tx, { key: CHECKIN_SETTINGS_KEY, value: input, actorId: user.id, now: ctx.clock.now() });
    return input;
  });
}
