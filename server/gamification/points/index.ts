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
