/**
 * The rewards shop and leaderboards as the web UI uses them. Routes import server code only through
 * `.server` modules so none of it can reach the browser bundle.
 */
export {
  createReward,
  createRewardSchema,
  getLeaderboard,
  getReward,
  leaderboardQuerySchema,
  listMyRedemptions,
  listRedemptionQueue,
  listRewards,
  redeemReward,
  redeemRewardSchema,
  updateRedemption,
  updateRedemptionSchema,
  updateRewardSchema,
  updateReward,
  type CreateRewardInput,
  type PointsLeaderboard,
  type RedemptionView,
  type RewardView,
  type UpdateRedemptionInput,
} from "../../../server/gamification/rewards";
export { requireStaff } from "~/utils/content.server";
