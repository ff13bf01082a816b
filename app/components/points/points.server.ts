/**
 * The points area as the web UI uses it. Routes import server code only through `.server` modules,
 * so none of it can reach the browser bundle.
 */
import type { AppLoadContext } from "@remix-run/node";
import { localDate } from "../../../server/shared/clock";

export {
  getPointsSummary,
  levelUpdateSchema,
  listLevelHistory,
  listLevels,
  listPointRules,
  listPointsAudit,
  listPointsLedger,
  policyForm,
  pointRuleUpdateSchema,
  pointsPolicyUpdateSchema,
  readLastLedgerCheck,
  readPointsPolicy,
  updateLevel,
  updatePointRule,
  updatePointsPolicy,
  POINTS_POLICY_KEY,
  type AuditEntryView,
  type LedgerLine,
  type LevelDefinition,
  type LevelHistoryItem,
  type PointRuleView,
  type PointsSummary,
} from "../../../server/gamification/points";

/** Today in the platform's time zone (the streak and the caps count days there). */
export function platformToday(context: AppLoadContext): string {
  return localDate(context.clock.now(), context.config.platformTimeZone);
}
