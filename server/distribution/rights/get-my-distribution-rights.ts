import { desc, eq } from "drizzle-orm";
import { distributionRights, distributionRightsHistory } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { t, type MessageLocale } from "../../shared/messages";
import type { Requirement } from "./rules";
import type { RequirementView, RightsView } from "./schemas";
import { syncDistributionRights } from "./sync-distribution-rights";

/** ¥ with cents only when there are any: ¥99, ¥34.50. */
export function yuan(cents: number): string {
  return `¥${cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2)}`;
}

function requirementView(r: Requirement, locale: MessageLocale, windowDays: number): RequirementView {
  const params = { need: r.need, have: r.have, missing: r.missing, days: windowDays, needYuan: yuan(r.need), haveYuan: yuan(r.have), missingYuan: yuan(r.missing) };
  return {
    ...r,
    label: t(locale, `distribution.rights.requirement.${r.key}`, params),
    missingText: r.met ? null : t(locale, `distribution.rights.missing.${r.key}`, params),
  };
}

/**
 * The signed-in member's distribution rights: the path they are on and a checklist of every path with
 * what is missing. Reading also re-checks: if the stored rights lag behind (a role granted by staff, a
 * window that lapsed since the last job), they are brought in line first, so the page and the link
 * form never disagree.
 */
export async function getMyDistributionRights(ctx: Pick<AppContext, "db" | "clock" | "config">, user: CurrentUser, locale: MessageLocale): Promise<RightsView> {
  requirePermission(user, "read:profile:own");
  const now = ctx.clock.now();
  const { evaluation } = await ctx.db.transaction((tx) => syncDistributionRights(tx, user.id, now, { reason: "read", timeZone: ctx.config.platformTimeZone }));
  const [[row], history] = await Promise.all([
    ctx.db.select().from(distributionRights).where(eq(distributionRights.userId, user.id)),
    ctx.db
      .select()
      .from(distributionRightsHistory)
      .where(eq(distributionRightsHistory.userId, user.id))
      .orderBy(desc(distributionRightsHistory.at), desc(distributionRightsHistory.id))
      .limit(10),
  ]);
  const windowDays = evaluation.settings.tasks.windowDays;
  return {
    path: row?.path ?? null,
    hasRights: Boolean(row?.path),
    grantedAt: row?.grantedAt?.toISOString() ?? null,
    revokedAt: row?.revokedAt?.toISOString() ?? null,
    paths: evaluation.paths.map((p) => ({ ...p, requirements: p.requirements.map((r) => requirementView(r, locale, windowDays)) })),
    membership: evaluation.membership
      ? {
          planId: evaluation.membership.planId,
          name: locale === "en" ? evaluation.membership.nameEn : evaluation.membership.nameZh,
          endsAt: evaluation.membership.endsAt,
          distributionRights: evaluation.membership.distributionRights,
        }
      : null,
    window: evaluation.window,
    history: history.map((h) => ({ fromPath: h.fromPath, toPath: h.toPath, reason: h.reason, at: h.at.toISOString() })),
  };
}
