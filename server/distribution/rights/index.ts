// The eligibility engine (分销权限): who may create distribution links, and why.
export { hasDistributionRights } from "./has-distribution-rights";
export { evaluateDistributionRights, type RightsEvaluation } from "./evaluate-distribution-rights";
export { syncDistributionRights, type SyncResult } from "./sync-distribution-rights";
export { getMyDistributionRights, yuan } from "./get-my-distribution-rights";
export { getEligibilitySettings, updateEligibilitySettings } from "./update-eligibility-settings";
export { DEFAULT_ELIGIBILITY_SETTINGS, ELIGIBILITY_SETTINGS_KEY, eligibilitySettingsSchema, readEligibilitySettings, type EligibilitySettings } from "./settings";
export { RIGHTS_CHANGED, type RightsChangedPayload } from "./events";
export { PATH_ORDER, type PathStanding, type Requirement } from "./rules";
export { rightsViewSchema, type RightsView } from "./schemas";
export { rightsConsumers, rightsOnEvents } from "./consumers";
export { rightsSchedules, recheckDistributionRights } from "./schedules";
export { rightsOperations } from "./api";
