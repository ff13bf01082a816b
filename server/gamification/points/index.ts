// Points, growth and levels: the rules engine over the ledger.
export { awardPoints, ruleByKey, type AwardInput, type AwardOutcome, type AwardResult } from "./award-points";
export { currentLevelOf, levelForGrowth, listLevels, syncLevel, type LevelDefinition } from "./levels";
export {
  DEFAULT_POINTS_POLICY,
  POINTS_POLICY_KEY,
  expiresAtFor,
  expiryPolicySchema,
  pointsPolicySchema,
  readPointsPolicy,
  zonedMidnight,
  type ExpiryPolicy,
  type PointsPolicy,
} from "./policy";
export { levelProgress, levelTableErrors, type LevelProgress } from "./rules";
export { getPointsSummary, type PointsSummary } from "./get-points-summary";
export { listPointsLedger, type LedgerLine, type LedgerPage } from "./list-points-ledger";
export { listPointRules, listPointsAudit, policyForm, updatePointRule, updatePointsPolicy, type AuditEntryView, type PointRuleView } from "./manage-rules";
export { updateLevel } from "./update-level";
export { expirePoints, remindExpiringPoints, POINTS_EXPIRING } from "./expire-points";
export { readLastLedgerCheck, runLedgerCheck, LEDGER_CHECK_KEY, type LedgerCheckOutcome } from "./check-ledger";
export { awardForEvent, awardForEvents, awardsForEvent, POINTS_EVENTS } from "./award-for-event";
export { LEVEL_CHANGED, LEVEL_CHANGED_PUSH, type LevelChangedPush } from "./notify-level-up";
export { levelProgressSchema, pointsSummarySchema } from "./api";
export {
  EXPIRY_MODES,
  levelUpdateSchema,
  ledgerPageInputSchema,
  pointRuleUpdateSchema,
  pointsPolicyUpdateSchema,
  type LevelUpdate,
  type PointRuleUpdate,
  type PointsPolicyUpdate,
} from "./schemas";
export { listLevelHistory, type LevelHistoryItem } from "./level-history";
export { confirmPendingPoints, reversePoints } from "./pending-points";
