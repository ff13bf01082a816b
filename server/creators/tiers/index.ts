// Creator tiers C1–C4: nightly rating with a demotion grace, the commission multiplier (see ../index.ts).
export { evaluateCreatorTier, type TierEvaluation } from "./evaluate-creator-tier";
export { recomputeCreatorTiers } from "./recompute-tiers";
export { measureStanding } from "./measure-standing";
export { tierMultiplierBpOf } from "./multiplier";
export { getMyCreatorTier, type MyTierView } from "./get-my-tier";
export { getTierSettings, updateTierSettings } from "./update-tier-settings";
export { tiersConsumers, notifyTierWarning, notifyTierChanged } from "./consumers";
export { tiersOperations } from "./api";
export { tiersSchedules } from "./schedules";
export { TIER_CHANGED, TIER_WARNING } from "./events";
export { decideTier, earnedTier, meets, progressToward, shortfallFor, type TierDecision, type TierState, type TierStats } from "./rules";
export { DEFAULT_TIER_SETTINGS, TIER_SETTINGS_KEY, readTierSettings, tierSettingsSchema, type TierSettings, type TierThreshold } from "./settings";
