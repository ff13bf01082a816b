// Fan groups (粉丝团): one per creator, fan levels by interaction, fan-only notes and challenges.
export { ensureFanGroup } from "./ensure-fan-group";
export { joinFanGroup, leaveFanGroup, requireCreator } from "./join-fan-group";
export { canMarkFanOnly, markPostFanOnly } from "./mark-fan-only";
export { fanGroupSize, fanGroupsOf, fanOnlyPostIds, getFanGroup, isFan, isPostLocked, lockedPostIds } from "./views";
export { fanGroupsConsumers, fanInteractionsConsumer } from "./consumers";
export { fanGroupsOperations } from "./api";
export { FAN_LEVEL_THRESHOLDS, INTERACTION_POINTS, fanLevelFor } from "./levels";
export { fanGroupViewSchema, fanMembershipResultSchema, markFanOnlySchema, type FanGroupView, type FanMembershipResult } from "./schemas";
