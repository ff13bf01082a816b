// The rewards area of gamification (兑换专区) and the leaderboards: what other areas and contexts may use (see ../index.ts).
export { createReward, updateReward } from "./save-reward";
export { getReward, listRewards } from "./list-rewards";
export { redeemReward, REWARD_REDEEMED, type RedeemResult } from "./redeem-reward";
export { updateRedemption, REDEMPTION_UPDATED } from "./update-redemption";
export { listMyRedemptions, listRedemptionQueue, type ListRedemptionsInput } from "./list-redemptions";
export {
  BLOCKERS,
  MAX_QUANTITY,
  REWARD_KINDS,
  createRewardSchema,
  redeemRewardSchema,
  shippingSchema,
  updateRedemptionSchema,
  updateRewardSchema,
  type Blocker,
  type CreateRewardInput,
  type RedeemRewardInput,
  type RedemptionView,
  type RewardKind,
  type RewardView,
  type UpdateRedemptionInput,
  type UpdateRewardInput,
} from "./schemas";
export {
  getLeaderboard,
  periodBounds,
  LEADERBOARD_BOARDS,
  LEADERBOARD_PERIODS,
  leaderboardQuerySchema,
  type Leaderboard as PointsLeaderboard,
  type LeaderboardBoard,
  type LeaderboardPeriod,
  type LeaderboardQuery,
} from "../leaderboards";
