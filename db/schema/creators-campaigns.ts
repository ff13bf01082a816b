import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { categories, posts, topics } from "./content";
import { challenges } from "./gamification";
import { users } from "./identity";
import { uploads } from "./media";

/*
 * Campaigns and fan groups (粉丝团). A campaign is run by the platform (staff) or by a creator for their
 * fans; its rewards are points paid through the ledger with keyed entries, so these tables only hold the
 * facts (who joined, which note was submitted, how it was judged, when it was rewarded) that the entries
 * point back to. Fan-only notes and challenges are marked in tables of their own so the content and
 * gamification tables stay untouched.
 */

export const CAMPAIGN_TYPES = ["content_bounty", "product_push", "checkin_challenge", "live_invitation"] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

/**
 * The states a reader sees. Only draft, active and cancelled are stored (cancelling is an act); upcoming
 * and ended are an active campaign before its start and after its end, read against the clock, so no
 * job has to flip them at the right second and a moved start or end takes effect at once.
 */
export const CAMPAIGN_STATUSES = ["draft", "upcoming", "active", "ended", "cancelled"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
/** What the status column may hold ("ended" only in rows written before the phase was read from the clock). */
export type StoredCampaignStatus = "draft" | "active" | "ended" | "cancelled";

export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** platform: run by staff; creator: run by `creatorId` for their fans. */
    ownerType: text("owner_type").$type<"platform" | "creator">().notNull(),
    /** The running creator (ownerType creator); null for platform campaigns. */
    creatorId: uuid("creator_id").references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<CampaignType>().notNull(),
    title: text("title").notNull(),
    brief: text("brief").notNull().default(""),
    coverUploadId: uuid("cover_upload_id").references(() => uploads.id, { onDelete: "set null" }),
    categoryId: uuid("category_id").references(() => categories.id, { onDelete: "set null" }),
    topicId: uuid("topic_id").references(() => topics.id, { onDelete: "set null" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** Set for a brand campaign: its notes carry the 合作 disclosure label. */
    brandName: text("brand_name"),
    /** Points for each approved submission (content bounty). */
    rewardPoints: integer("reward_points").notNull().default(0),
    /** Extra points for each of the top N submissions staff pick. */
    topExtraPoints: integer("top_extra_points").notNull().default(0),
    topN: integer("top_n").notNull().default(0),
    /**
     * Platform campaigns only: a cash bonus (cents) for each top pick, paid once per member and campaign
     * into their cny earnings through a keyed ledger entry, like commission.
     */
    topBonusCents: integer("top_bonus_cents").notNull().default(0),
    /** Product push: the bonus commission rate in basis points added for the window. */
    bonusRateBp: integer("bonus_rate_bp").notNull().default(0),
    /** Product push and live invitation: the products featured. */
    productIds: uuid("product_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** Check-in challenge: the gamification challenge it runs. */
    challengeId: uuid("challenge_id").references(() => challenges.id, { onDelete: "set null" }),
    /** Live invitation: when the stream starts (the stream itself happens elsewhere). */
    liveAt: timestamp("live_at", { withTimezone: true }),
    /** Only members of the running creator's fan group may join. */
    fanGroupOnly: boolean("fan_group_only").notNull().default(false),
    status: text("status").$type<StoredCampaignStatus>().notNull().default("active"),
    /** Cancelled by the runner or staff: when, by whom and why (shown to participants). */
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledBy: uuid("cancelled_by").references(() => users.id, { onDelete: "set null" }),
    cancelReason: text("cancel_reason"),
    participantCount: integer("participant_count").notNull().default(0),
    submissionCount: integer("submission_count").notNull().default(0),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("campaigns_status_idx").on(t.status, t.endsAt),
    index("campaigns_creator_idx").on(t.creatorId, t.createdAt),
    check("campaigns_type_check", sql`${t.type} in ('content_bounty', 'product_push', 'checkin_challenge', 'live_invitation')`),
    check("campaigns_status_check", sql`${t.status} in ('draft', 'active', 'ended', 'cancelled')`),
    check("campaigns_cancel_check", sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`),
    // Creators may not promise cash: the platform pays it.
    check("campaigns_top_bonus_check", sql`${t.topBonusCents} >= 0 and (${t.ownerType} = 'platform' or ${t.topBonusCents} = 0)`),
    check("campaigns_owner_check", sql`(${t.ownerType} = 'platform' and ${t.creatorId} is null) or (${t.ownerType} = 'creator' and ${t.creatorId} is not null)`),
    check("campaigns_dates_check", sql`${t.endsAt} > ${t.startsAt}`),
    check(
      "campaigns_amounts_check",
      sql`${t.rewardPoints} >= 0 and ${t.topExtraPoints} >= 0 and ${t.topN} >= 0 and ${t.bonusRateBp} between 0 and 5000`,
    ),
  ],
);

/** Who joined a campaign; the primary key makes joining twice (or racing) a no-op. */
export const campaignParticipants = pgTable(
  "campaign_participants",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] }), index("campaign_participants_user_idx").on(t.userId, t.joinedAt)],
);

export const SUBMISSION_STATUSES = ["submitted", "approved", "rejected"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** A note entered into a content bounty, and how it was judged and rewarded. */
export const campaignSubmissions = pgTable(
  "campaign_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status").$type<SubmissionStatus>().notNull().default("submitted"),
    /** Why it was rejected (shown to the member), or an optional note on approval. */
    reason: text("reason"),
    topPick: boolean("top_pick").notNull().default(false),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    /** Points actually paid (the ledger entries are keyed, so this never counts twice). */
    rewardedPoints: integer("rewarded_points").notNull().default(0),
    /** Cash bonus actually paid in cents (a platform campaign's top pick). */
    rewardedCents: integer("rewarded_cents").notNull().default(0),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // A note enters a campaign once.
    uniqueIndex("campaign_submissions_post_key").on(t.campaignId, t.postId),
    index("campaign_submissions_campaign_idx").on(t.campaignId, t.status, t.submittedAt),
    index("campaign_submissions_post_idx").on(t.postId),
    check("campaign_submissions_status_check", sql`${t.status} in ('submitted', 'approved', 'rejected')`),
    check("campaign_submissions_top_check", sql`not ${t.topPick} or ${t.status} = 'approved'`),
  ],
);

/** One fan group per creator, made when first needed. member_count moves with joins and leaves. */
export const fanGroups = pgTable(
  "fan_groups",
  {
    creatorId: uuid("creator_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    memberCount: integer("member_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [check("fan_groups_count_check", sql`${t.memberCount} >= 0`)],
);

/** A fan's membership and their fan level, earned by liking and commenting on the creator's notes. */
export const fanGroupMembers = pgTable(
  "fan_group_members",
  {
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => fanGroups.creatorId, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    interactionPoints: integer("interaction_points").notNull().default(0),
    level: integer("level").notNull().default(1),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.creatorId, t.userId] }),
    index("fan_group_members_rank_idx").on(t.creatorId, t.level, t.interactionPoints),
    index("fan_group_members_user_idx").on(t.userId),
    check("fan_group_members_check", sql`${t.interactionPoints} >= 0 and ${t.level} between 1 and 9 and ${t.creatorId} <> ${t.userId}`),
  ],
);

/**
 * Each interaction a fan earned points for, keyed by its source (a like or a comment id) so the consumer
 * that reads the outbox can run twice without counting twice. Kept while not a member, so a fan who
 * joins later starts with what they already did.
 */
export const fanInteractions = pgTable(
  "fan_interactions",
  {
    sourceKey: text("source_key").primaryKey(),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    points: integer("points").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("fan_interactions_pair_idx").on(t.creatorId, t.userId)],
);

/** Notes their author keeps for the fan group: others see a locked card. */
export const fanOnlyPosts = pgTable("fan_only_posts", {
  postId: uuid("post_id")
    .primaryKey()
    .references(() => posts.id, { onDelete: "cascade" }),
  creatorId: uuid("creator_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  markedAt: timestamp("marked_at", { withTimezone: true }).notNull(),
});
