import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { cancelCampaign } from "./cancel-campaign";
import { createCampaign } from "./create-campaign";
import { getCampaign, getCampaignResults, listCampaigns } from "./get-campaign";
import { joinCampaign } from "./join-campaign";
import { reviewSubmission } from "./review-submission";
import {
  campaignResultsSchema,
  campaignViewSchema,
  cancelCampaignSchema,
  updateCampaignSchema,
  createCampaignSchema,
  idSchema,
  listCampaignsQuerySchema,
  reviewSubmissionSchema,
  submissionViewSchema,
  submitToCampaignSchema,
} from "./schemas";
import { submitToCampaign } from "./submit-to-campaign";
import { updateCampaign } from "./update-campaign";

const tags = ["campaigns"];
const campaignParams = z.object({ campaignId: idSchema });
const campaignResponse = z.object({ campaign: campaignViewSchema });

/** Campaigns over /api/v1: the same domain functions the web pages call. */
export const campaignsOperations: ApiOperation[] = [
  defineOperation({
    operationId: "listCampaigns",
    method: "get",
    path: "/campaigns",
    summary: "Campaigns, newest first (platform and creators')",
    description: "`status` filters by the state as of now: `upcoming` (before the start), `active`, `ended` (after the end) or `cancelled`.",
    tags,
    auth: "public",
    query: listCampaignsQuerySchema,
    response: z.object({ campaigns: z.array(campaignViewSchema) }),
    handler: async ({ ctx, user, query }) => ({ campaigns: await listCampaigns(ctx, user, query) }),
  }),
  defineOperation({
    operationId: "createCampaign",
    method: "post",
    path: "/campaigns",
    summary: "Start a campaign: content bounty, product push, check-in challenge or live invitation",
    description:
      "Staff run platform campaigns; creators from tier C2 run their own (403 `campaigns.tierTooLow` below). A `checkin_challenge` " +
      "creates its gamification challenge (`challengeId`), optionally fan-group-only; a `product_push` adds `bonusRateBp` to the " +
      "commission of its `productIds` during the window; a brand campaign (`brandName`) labels its notes 合作. A start in the future " +
      "makes it `upcoming`: visible, joinable from the start. `topBonusCents` (platform campaigns only; 422 for a creator) pays each " +
      "top pick once into the member's earnings; `coverUploadId` is a ready image upload of the caller's (`createUpload`).",
    tags,
    auth: "create:campaign:own",
    body: createCampaignSchema,
    response: campaignResponse,
    successStatus: 201,
    handler: async ({ ctx, user, body }) => ({ campaign: await createCampaign(ctx, user, body) }),
  }),
  defineOperation({
    operationId: "getCampaign",
    method: "get",
    path: "/campaigns/:campaignId",
    summary: "One campaign",
    tags,
    auth: "public",
    params: campaignParams,
    response: campaignResponse,
    handler: async ({ ctx, user, params }) => ({ campaign: await getCampaign(ctx, user, params.campaignId) }),
  }),
  defineOperation({
    operationId: "updateCampaign",
    method: "patch",
    path: "/campaigns/:campaignId",
    summary: "Edit a campaign's title, brief, dates or cover before it ends",
    description:
      "Staff any campaign, the running creator their own (403 otherwise). Once started the start can't move (422 on `startsAt`); the end " +
      "must stay in the future. 409 after the end or once cancelled. Audited with the fields before and after.",
    tags,
    auth: "user",
    params: campaignParams,
    body: updateCampaignSchema,
    response: campaignResponse,
    errorStatuses: [409],
    handler: async ({ ctx, user, params, body }) => ({ campaign: await updateCampaign(ctx, user, params.campaignId, body) }),
  }),
  defineOperation({
    operationId: "cancelCampaign",
    method: "post",
    path: "/campaigns/:campaignId/cancel",
    summary: "Cancel a campaign with a reason; participants are told",
    description:
      "Staff any campaign, the running creator their own. No joins, entries or rewards after it (what was paid stays paid). " +
      "409 `campaigns.cancel.ended` after the end, 409 `campaigns.cancelled` a second time.",
    tags,
    auth: "user",
    params: campaignParams,
    body: cancelCampaignSchema,
    response: campaignResponse,
    errorStatuses: [409],
    handler: async ({ ctx, user, params, body }) => ({ campaign: await cancelCampaign(ctx, user, params.campaignId, body) }),
  }),
  defineOperation({
    operationId: "joinCampaign",
    method: "post",
    path: "/campaigns/:campaignId/participants",
    summary: "Join a running campaign (idempotent)",
    description: "A repeat answers 200 with `created: false`. 403 `campaigns.join.fansOnly` for a fan-only campaign when not a fan; 409 before it starts or after it ends.",
    tags,
    auth: "user",
    params: campaignParams,
    response: campaignResponse.extend({ created: z.boolean() }),
    errorStatuses: [409],
    handler: async ({ ctx, user, params }) => joinCampaign(ctx, user, params.campaignId),
  }),
  defineOperation({
    operationId: "submitToCampaign",
    method: "post",
    path: "/campaigns/:campaignId/submissions",
    summary: "Enter one of your notes into a content bounty you joined",
    description: "The note must be yours, published after the campaign started, in its category and topic: otherwise 422 on `postId`.",
    tags,
    auth: "user",
    params: campaignParams,
    body: submitToCampaignSchema,
    response: z.object({ submission: submissionViewSchema }),
    successStatus: 201,
    errorStatuses: [409],
    handler: async ({ ctx, user, params, body }) => ({ submission: await submitToCampaign(ctx, user, params.campaignId, body) }),
  }),
  defineOperation({
    operationId: "reviewCampaignSubmission",
    method: "post",
    path: "/campaign-submissions/:submissionId/review",
    summary: "Approve, reject with a reason, or pick as one of the top N",
    description:
      "Staff, or the creator who runs the campaign; open while it runs and 7 days after its end (409 `campaigns.review.closed` later, " +
      "`campaigns.cancelled` once cancelled). Reward points are paid once per member through keyed ledger entries; a platform campaign's " +
      "top pick also earns `topBonusCents` into the member's earnings (once per member and campaign) and is featured on the home page.",
    tags,
    auth: "user",
    params: z.object({ submissionId: idSchema }),
    body: reviewSubmissionSchema,
    response: z.object({ submission: submissionViewSchema }),
    errorStatuses: [409],
    handler: async ({ ctx, user, params, body }) => ({ submission: await reviewSubmission(ctx, user, params.submissionId, body) }),
  }),
  defineOperation({
    operationId: "getCampaignResults",
    method: "get",
    path: "/campaigns/:campaignId/results",
    summary: "Participants, submissions (approved ones for the public, top picks first), winners, points and cash paid, joins and entries per day",
    tags,
    auth: "public",
    params: campaignParams,
    response: campaignResultsSchema,
    handler: ({ ctx, user, params }) => getCampaignResults(ctx, user, params.campaignId),
  }),
];
