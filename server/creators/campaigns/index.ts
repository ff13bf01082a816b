// Campaigns: platform and creator run bounties, product pushes, check-in challenges and live invitations.
export { createCampaign } from "./create-campaign";
export { updateCampaign } from "./update-campaign";
export { cancelCampaign } from "./cancel-campaign";
export { CAMPAIGN_CANCELLED } from "./events";
export { joinCampaign, hasJoined, type JoinCampaignResult } from "./join-campaign";
export { submitToCampaign } from "./submit-to-campaign";
export { reviewSubmission, campaignCashKey, campaignRewardKey, campaignTopKey } from "./review-submission";
export { getCampaign, getCampaignResults, listCampaigns } from "./get-campaign";
export { campaignBonusRateBp } from "./bonus-rate";
export { brandDisclosures } from "./disclosure";
export { JUDGING_GRACE_MS, mayRunCampaigns } from "./views";
export { campaignsOperations } from "./api";
export {
  campaignResultsSchema,
  cancelCampaignSchema,
  updateCampaignSchema,
  type CancelCampaignInput,
  type UpdateCampaignInput,
  campaignViewSchema,
  createCampaignSchema,
  reviewSubmissionSchema,
  submissionViewSchema,
  submitToCampaignSchema,
  type CampaignResults,
  type CampaignView,
  type CreateCampaignInput,
  type ReviewSubmissionInput,
  type SubmissionView,
  type SubmitToCampaignInput,
} from "./schemas";
