import { z } from "zod";
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES, SUBMISSION_STATUSES } from "../../../db/schema";

/**
 * Inputs and views of campaigns, shared by the web forms, the API (and its OpenAPI document) and the
 * demo seed. Messages are keys of server/shared/messages/creators-campaigns.ts.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether a path segment could be an id at all (anything else is simply not found). */
export const isUuid = (value: string) => UUID.test(value);

const text = () => z.string({ error: (issue) => (issue.input === undefined ? "validation.required" : undefined) });
const int = (message: string) => z.number({ error: message }).int(message);
export const idSchema = z.uuid("validation.uuid");
/** ISO-8601 with an offset; kept a string so a parsed input parses again unchanged. */
const instant = (message: string) => z.iso.datetime({ offset: true, error: message });

export const MAX_REWARD_POINTS = 100_000;
/** A product push adds at most 50 % commission on top of the product's own rate. */
export const MAX_BONUS_RATE_BP = 5000;
/** A top pick's cash bonus is at most ¥10,000. */
export const MAX_TOP_BONUS_CENTS = 1_000_000;

export const createCampaignSchema = z
  .strictObject({
    type: z.enum(CAMPAIGN_TYPES, { error: "campaigns.type" }),
    title: text().trim().min(1, "campaigns.title").max(60, "campaigns.title"),
    brief: text().trim().max(2000, "campaigns.brief").default(""),
    coverUploadId: idSchema.nullable().optional(),
    categorySlug: text().trim().max(30, "campaigns.category").nullable().optional(),
    topic: text().trim().min(1, "campaigns.topic").max(30, "campaigns.topic").nullable().optional(),
    startsAt: instant("campaigns.startsAt"),
    endsAt: instant("campaigns.endsAt"),
    brandName: text().trim().min(1, "campaigns.brandName").max(40, "campaigns.brandName").nullable().optional(),
    rewardPoints: int("campaigns.rewardPoints").min(0, "campaigns.rewardPoints").max(MAX_REWARD_POINTS, "campaigns.rewardPoints").default(0),
    topExtraPoints: int("campaigns.topExtraPoints").min(0, "campaigns.topExtraPoints").max(MAX_REWARD_POINTS, "campaigns.topExtraPoints").default(0),
    topN: int("campaigns.topN").min(0, "campaigns.topN").max(100, "campaigns.topN").default(0),
    /** Platform campaigns: cash (cents) for each top pick, paid into the member's earnings. */
    topBonusCents: int("campaigns.topBonusCents").min(0, "campaigns.topBonusCents").max(MAX_TOP_BONUS_CENTS, "campaigns.topBonusCents").default(0),
    bonusRateBp: int("campaigns.bonusRateBp").min(0, "campaigns.bonusRateBp").max(MAX_BONUS_RATE_BP, "campaigns.bonusRateBp").default(0),
    productIds: z.array(idSchema, { error: "campaigns.productIds" }).max(10, "campaigns.productIds").default([]),
    /** Check-in challenge: how many check-ins out of the campaign's days complete it. */
    requiredDays: int("campaigns.requiredDays").min(1, "campaigns.requiredDays").max(366, "campaigns.requiredDays").optional(),
    liveAt: instant("campaigns.liveAt").nullable().optional(),
    fanGroupOnly: z.boolean({ error: "validation.invalid" }).default(false),
  })
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), { message: "campaigns.window", path: ["endsAt"] })
  .refine((v) => v.type !== "product_push" || (v.bonusRateBp > 0 && v.productIds.length > 0), { message: "campaigns.push.needs", path: ["bonusRateBp"] })
  .refine((v) => v.type !== "live_invitation" || Boolean(v.liveAt), { message: "campaigns.liveAt", path: ["liveAt"] })
  .refine((v) => v.type !== "checkin_challenge" || v.requiredDays !== undefined, { message: "campaigns.requiredDays", path: ["requiredDays"] })
  .refine((v) => v.type !== "content_bounty" || v.rewardPoints > 0 || v.topExtraPoints > 0, { message: "campaigns.bounty.reward", path: ["rewardPoints"] })
  .refine((v) => v.topN === 0 || v.topExtraPoints > 0 || v.topBonusCents > 0, { message: "campaigns.topExtraPoints", path: ["topExtraPoints"] })
  .refine((v) => v.topBonusCents === 0 || (v.type === "content_bounty" && v.topN > 0), { message: "campaigns.topBonusCents.needsTop", path: ["topBonusCents"] });
export type CreateCampaignInput = z.input<typeof createCampaignSchema>;

/**
 * What the runner may change before the end: the words, the dates and the cover. Every field is
 * optional; an empty object changes nothing. `coverUploadId: null` removes the cover.
 */
export const updateCampaignSchema = z
  .strictObject({
    title: text().trim().min(1, "campaigns.title").max(60, "campaigns.title").optional(),
    brief: text().trim().max(2000, "campaigns.brief").optional(),
    coverUploadId: idSchema.nullable().optional(),
    startsAt: instant("campaigns.startsAt").optional(),
    endsAt: instant("campaigns.endsAt").optional(),
  })
  .refine((v) => !v.startsAt || !v.endsAt || Date.parse(v.endsAt) > Date.parse(v.startsAt), { message: "campaigns.window", path: ["endsAt"] });
export type UpdateCampaignInput = z.input<typeof updateCampaignSchema>;

/** Cancelling needs a reason the participants are told. */
export const cancelCampaignSchema = z.strictObject({
  reason: text().trim().min(1, "campaigns.cancel.reason").max(200, "campaigns.cancel.reason"),
});
export type CancelCampaignInput = z.input<typeof cancelCampaignSchema>;

export const submitToCampaignSchema = z.strictObject({ postId: idSchema });
export type SubmitToCampaignInput = z.input<typeof submitToCampaignSchema>;

/** A judge's decision on one submission: approve (optionally as a top pick) or reject with a reason. */
export const reviewSubmissionSchema = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ action: z.literal("approve"), reason: text().trim().max(200, "campaigns.review.reason").optional() }),
    z.strictObject({ action: z.literal("reject"), reason: text().trim().min(1, "campaigns.review.reason").max(200, "campaigns.review.reason") }),
    z.strictObject({ action: z.literal("topPick") }),
  ],
  { error: "campaigns.review.action" },
);
export type ReviewSubmissionInput = z.input<typeof reviewSubmissionSchema>;

export const listCampaignsQuerySchema = z.strictObject({
  status: z.enum(CAMPAIGN_STATUSES, { error: "validation.invalid" }).optional(),
  creatorId: idSchema.optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(100).default(50),
});

// ---- views ----

const userSummary = z.object({ id: z.uuid(), handle: z.string(), displayName: z.string(), avatarUrl: z.string().nullable() });

export const campaignViewSchema = z.object({
  id: z.uuid(),
  ownerType: z.enum(["platform", "creator"]),
  creator: userSummary.nullable(),
  type: z.enum(CAMPAIGN_TYPES),
  title: z.string(),
  brief: z.string(),
  coverUploadId: z.uuid().nullable(),
  coverUrl: z.string().nullable(),
  category: z.object({ slug: z.string(), name: z.string() }).nullable(),
  topic: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  brandName: z.string().nullable(),
  rewardPoints: z.number().int(),
  topExtraPoints: z.number().int(),
  topN: z.number().int(),
  /** Cash (cents) each top pick of a platform campaign earns; 0 for creators' campaigns. */
  topBonusCents: z.number().int(),
  bonusRateBp: z.number().int(),
  productIds: z.array(z.uuid()),
  challengeId: z.uuid().nullable(),
  liveAt: z.string().nullable(),
  fanGroupOnly: z.boolean(),
  /** As of now: upcoming before the start (visible, joining opens at the start), active, ended after the end, or cancelled. */
  status: z.enum(CAMPAIGN_STATUSES),
  cancelledAt: z.string().nullable(),
  /** Why it was cancelled (shown to everyone). */
  cancelReason: z.string().nullable(),
  /** Entries may be judged until this instant: 7 days after the end. */
  judgingEndsAt: z.string(),
  participantCount: z.number().int(),
  submissionCount: z.number().int(),
  createdAt: z.string(),
  /** For the signed-in member (null for visitors). */
  viewer: z.object({ joined: z.boolean(), canJoin: z.boolean(), canManage: z.boolean(), canEdit: z.boolean() }).nullable(),
});
export type CampaignView = z.input<typeof campaignViewSchema>;

export const submissionViewSchema = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  post: z.object({ id: z.uuid(), title: z.string(), likeCount: z.number().int() }),
  member: userSummary,
  status: z.enum(SUBMISSION_STATUSES),
  reason: z.string().nullable(),
  topPick: z.boolean(),
  rewardedPoints: z.number().int(),
  /** Cash bonus paid, in cents. */
  rewardedCents: z.number().int(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
});
export type SubmissionView = z.input<typeof submissionViewSchema>;

export const campaignResultsSchema = z.object({
  campaign: campaignViewSchema,
  participants: z.array(userSummary.extend({ joinedAt: z.string() })),
  submissions: z.array(submissionViewSchema),
  winners: z.array(submissionViewSchema),
  /** Submissions per platform-local day, oldest first, for the results chart. */
  perDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
  /** Total points paid by the campaign so far. */
  pointsPaid: z.number().int(),
  /** Total cash bonus paid so far, in cents. */
  cashPaidCents: z.number().int(),
  /** Joins and submissions per platform-local day from the start to today (or the end), for the results chart. */
  activity: z.array(z.object({ day: z.string(), participants: z.number().int(), submissions: z.number().int() })),
});
export type CampaignResults = z.input<typeof campaignResultsSchema>;
