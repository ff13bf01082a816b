import type { Queryable } from "../../../db/client";
import type { RightsPath } from "../../../db/schema";
import { activeMembershipAt } from "../../commerce/membership";
import { localDate } from "../../shared/clock";
import { condition, grantingPath, requirement, standing, windowStart, type PathStanding } from "./rules";
import { readEligibilitySettings, type EligibilitySettings } from "./settings";
import { checkinDaysBetween, confirmedPurchaseCents, hasRole } from "./standing-reads";

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

export interface RightsEvaluation {
  /** The path that grants rights at `at`, or null. */
  path: RightsPath | null;
  paths: PathStanding[];
  settings: EligibilitySettings;
  /** The membership plan running at `at`, if any (its name for the checklist). */
  membership: { planId: string; nameZh: string; nameEn: string; endsAt: string; distributionRights: boolean } | null;
  /** The tasks window, platform-local dates. */
  window: { from: string; to: string };
}

/**
 * Where the member stands on every path to distribution rights at `at`: each condition with what they
 * have and what is missing ("2 more check-in days", "¥34 more of confirmed purchases"), and the path
 * that grants them (creator, tasks, membership, staff — the first satisfied). Reads only; the stored
 * rights follow through syncDistributionRights.
 */
export async function evaluateDistributionRights(
  db: Queryable,
  userId: string,
  at: Date,
  options: { timeZone?: string } = {},
): Promise<RightsEvaluation> {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const settings = await readEligibilitySettings(db);
  const today = localDate(at, timeZone);
  const from = windowStart(today, settings.tasks.windowDays);
  const [creator, staff, days, cents, membership] = await Promise.all([
    hasRole(db, userId, ["creator"]),
    hasRole(db, userId, ["staff", "admin"]),
    checkinDaysBetween(db, userId, from, today),
    confirmedPurchaseCents(db, userId, at),
    activeMembershipAt(db, userId, at),
  ]);
  const paths: PathStanding[] = [
    standing("creator", settings.creator.enabled, [condition("creatorRole", creator)]),
    standing("tasks", settings.tasks.enabled, [
      requirement("checkinDays", days, settings.tasks.checkinDays),
      requirement("purchaseCents", cents, settings.tasks.minPurchaseCents),
    ]),
    standing("membership", settings.membership.enabled, [condition("membershipPlan", Boolean(membership?.benefits.distributionRights))]),
    // Staff run the programme: never switched off.
    standing("staff", true, [condition("staffRole", staff)]),
  ];
  return {
    path: grantingPath(paths),
    paths,
    settings,
    membership: membership
      ? {
          planId: membership.planId,
          nameZh: membership.nameZh,
          nameEn: membership.nameEn,
          endsAt: membership.endsAt.toISOString(),
          distributionRights: membership.benefits.distributionRights,
        }
      : null,
    window: { from, to: today },
  };
}
