/** Events the campaigns area writes to the outbox (beyond joined, submitted and reviewed, named where written). */
export const CAMPAIGN_CANCELLED = "creators.campaign.cancelled";
export type CampaignCancelledPayload = { campaignId: string; reason: string; cancelledBy: string };
