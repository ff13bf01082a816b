import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { categories, posts, topics } from "./content";
import { users } from "./identity";
import { journalEntries } from "./ledger";
import { uploads } from "./media";

/*
 * Gamification: rules that turn activity into points and growth, levels, daily check-in, challenges,
 * badges and the rewards shop. Balances live in the ledger (db/schema/ledger.ts); these tables hold
 * the definitions and the facts (a check-in happened, a badge was granted) that the ledger's entries
 * point back to.
 */

/** Staff-editable: which activity earns what. `key` names the activity (see server/gamification/rules). */
export const pointRules = pgTable(
  "point_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** checkin, checkin.streak7, post.published, like.received, comment.created, share.visitor, post.featured, purchase … */
    key: text("key").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    points: integer("points").notNull(),
    growth: integer("growth").notNull(),
    /** How many times a day (platform-local) the rule may pay one user; null = no cap. */
    dailyCap: integer("daily_cap"),
    enabled: boolean("enabled").notNull().default(true),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("point_rules_key").on(t.key),
    check("point_rules_amounts_check", sql`${t.points} >= 0 and ${t.growth} >= 0 and (${t.dailyCap} is null or ${t.dailyCap} >= 0)`),
  ],
);

/**
 * How much of each daily cap a user has used on one platform-local day: one row per (user, day, rule
 * key), plus rule key '*' for the global points cap. Written with a conditional upsert so concurrent
 * awards can't exceed a cap.
 */
export const pointCapUsage = pgTable(
  "point_cap_usage",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: date("local_date").notNull(),
    ruleKey: text("rule_key").notNull(),
    times: integer("times").notNull().default(0),
    points: integer("points").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.localDate, t.ruleKey] })],
);

/** Member levels V1–V5 by growth; staff edit names, thresholds and perks. */
export const levels = pgTable(
  "levels",
  {
    level: integer("level").primaryKey(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    minGrowth: integer("min_growth").notNull(),
    /** Added to the global daily points cap. */
    dailyCapBonus: integer("daily_cap_bonus").notNull().default(0),
    /** Points multiplier in basis points (10,000 = ×1.0). */
    multiplierBp: integer("multiplier_bp").notNull().default(10_000),
    perksZh: text("perks_zh").notNull().default(""),
    perksEn: text("perks_en").notNull().default(""),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [check("levels_range_check", sql`${t.level} between 1 and 9 and ${t.minGrowth} >= 0 and ${t.multiplierBp} > 0`)],
);

/** A member's current level (growth itself is a ledger balance). */
export const userLevels = pgTable("user_levels", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  level: integer("level").notNull().default(1),
  reachedAt: timestamp("reached_at", { withTimezone: true }).notNull(),
});

export const levelHistory = pgTable(
  "level_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fromLevel: integer("from_level").notNull(),
    toLevel: integer("to_level").notNull(),
    growth: integer("growth").notNull(),
    /** The journal entry whose growth crossed the threshold. */
    entryId: uuid("entry_id").references(() => journalEntries.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("level_history_user_idx").on(t.userId, t.at), uniqueIndex("level_history_entry_key").on(t.userId, t.entryId)],
);

/** One row per member and platform-local day checked in (a make-up card fills a past day). */
export const checkins = pgTable(
  "checkins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: date("local_date").notNull(),
    /** The streak as of this day, counting it. */
    streak: integer("streak").notNull(),
    /** Filled later with a make-up card (补签). */
    madeUp: boolean("made_up").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("checkins_user_day_key").on(t.userId, t.localDate), index("checkins_day_idx").on(t.localDate)],
);

/** Make-up cards (补签卡): earned by streaks or bought with points; each use recorded on the card. */
export const makeupCards = pgTable(
  "makeup_cards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    source: text("source").$type<"streak" | "purchase" | "staff">().notNull(),
    /** e.g. `makeup:streak:<userId>:<localDate>` or `makeup:purchase:<requestKey>`. */
    idempotencyKey: text("idempotency_key").notNull(),
    acquiredAt: timestamp("acquired_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedForDate: date("used_for_date"),
  },
  (t) => [uniqueIndex("makeup_cards_idempotency_key").on(t.idempotencyKey), index("makeup_cards_user_idx").on(t.userId, t.usedAt)],
);

export const CHALLENGE_STATUSES = ["draft", "published", "cancelled"] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/** 打卡 challenges: e.g. "21 days of skincare", 21 check-ins out of 30 days, each with a proof note. */
export const challenges = pgTable(
  "challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    rules: text("rules").notNull().default(""),
    coverUploadId: uuid("cover_upload_id").references(() => uploads.id, { onDelete: "set null" }),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    requiredDays: integer("required_days").notNull(),
    categoryId: uuid("category_id").references(() => categories.id, { onDelete: "set null" }),
    topicId: uuid("topic_id").references(() => topics.id, { onDelete: "set null" }),
    proofRequired: boolean("proof_required").notNull().default(true),
    makeupCardsAllowed: integer("makeup_cards_allowed").notNull().default(0),
    rewardPoints: integer("reward_points").notNull().default(0),
    rewardBadgeId: uuid("reward_badge_id"),
    /** Set when a creator runs it for their fans (creator issue); null for platform challenges. */
    fanGroupOnly: boolean("fan_group_only").notNull().default(false),
    status: text("status").$type<ChallengeStatus>().notNull().default("published"),
    participantCount: integer("participant_count").notNull().default(0),
    completedCount: integer("completed_count").notNull().default(0),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("challenges_dates_idx").on(t.status, t.endsOn, t.startsOn),
    check("challenges_days_check", sql`${t.endsOn} >= ${t.startsOn} and ${t.requiredDays} between 1 and (${t.endsOn} - ${t.startsOn} + 1)`),
    check("challenges_status_check", sql`${t.status} in ('draft', 'published', 'cancelled')`),
  ],
);

export const challengeParticipants = pgTable(
  "challenge_participants",
  {
    challengeId: uuid("challenge_id")
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    daysDone: integer("days_done").notNull().default(0),
    lastCheckinDate: date("last_checkin_date"),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.challengeId, t.userId] }),
    index("challenge_participants_board_idx").on(t.challengeId, t.daysDone, t.lastCheckinDate),
    index("challenge_participants_user_idx").on(t.userId, t.joinedAt),
  ],
);

export const challengeCheckins = pgTable(
  "challenge_checkins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    challengeId: uuid("challenge_id")
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: date("local_date").notNull(),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "set null" }),
    madeUp: boolean("made_up").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("challenge_checkins_day_key").on(t.challengeId, t.userId, t.localDate),
    // A note proves one day only.
    uniqueIndex("challenge_checkins_post_key").on(t.challengeId, t.postId),
    index("challenge_checkins_recent_idx").on(t.challengeId, t.createdAt),
  ],
);

export const BADGE_TIERS = ["bronze", "silver", "gold"] as const;
export type BadgeTier = (typeof BADGE_TIERS)[number];

/** How a badge is earned. Counters are read from the contexts that own them (see server/gamification/badges). */
export type BadgeCriterion =
  | { type: "counter"; counter: string; threshold: number }
  | { type: "streak"; days: number }
  | { type: "challenge"; challengeId: string | null }
  | { type: "manual" };

export const badges = pgTable(
  "badges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionZh: text("description_zh").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    /** An icon name from the app's icon set, or an upload. */
    icon: text("icon").notNull().default("award"),
    iconUploadId: uuid("icon_upload_id").references(() => uploads.id, { onDelete: "set null" }),
    tier: text("tier").$type<BadgeTier>().notNull().default("bronze"),
    criterion: jsonb("criterion").$type<BadgeCriterion>().notNull(),
    /** May one member hold it more than once (e.g. each challenge finished)? */
    multiple: boolean("multiple").notNull().default(false),
    /** Creator badges come with a certificate (电子证书). */
    certificate: boolean("certificate").notNull().default(false),
    enabled: boolean("enabled").notNull().default(true),
    holderCount: integer("holder_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("badges_slug_key").on(t.slug), check("badges_tier_check", sql`${t.tier} in ('bronze', 'silver', 'gold')`)],
);

export const badgeGrants = pgTable(
  "badge_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    badgeId: uuid("badge_id")
      .notNull()
      .references(() => badges.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** 1 for a single badge; 1, 2, 3 … for a badge that may be held more than once. */
    seq: integer("seq").notNull().default(1),
    /** `badge:<badgeId>:<userId>[:<source>]`, so a replayed event grants nothing new. */
    idempotencyKey: text("idempotency_key").notNull(),
    reason: text("reason").notNull().default(""),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    /** The public verification code of the certificate page (/certificates/<code>). */
    certificateCode: text("certificate_code").notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("badge_grants_seq_key").on(t.badgeId, t.userId, t.seq),
    uniqueIndex("badge_grants_idempotency_key").on(t.idempotencyKey),
    uniqueIndex("badge_grants_certificate_key").on(t.certificateCode),
    index("badge_grants_user_idx").on(t.userId, t.grantedAt),
    index("badge_grants_badge_idx").on(t.badgeId, t.grantedAt),
  ],
);

/** 兑换专区: things members buy with points. */
export const rewards = pgTable(
  "rewards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    imageUploadId: uuid("image_upload_id").references(() => uploads.id, { onDelete: "set null" }),
    /** physical (shipped), virtual (a code or coupon), makeup_card (a 补签卡, granted at once). */
    kind: text("kind").$type<"physical" | "virtual" | "makeup_card">().notNull().default("physical"),
    pointsPrice: integer("points_price").notNull(),
    stock: integer("stock").notNull(),
    perUserLimit: integer("per_user_limit"),
    minLevel: integer("min_level").notNull().default(1),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    active: boolean("active").notNull().default(true),
    redeemedCount: integer("redeemed_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    check("rewards_stock_check", sql`${t.stock} >= 0`),
    check("rewards_price_check", sql`${t.pointsPrice} > 0`),
    index("rewards_active_idx").on(t.active, t.createdAt),
  ],
);

export const REDEMPTION_STATUSES = ["pending", "shipped", "cancelled", "fulfilled"] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

export const redemptions = pgTable(
  "redemptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    rewardId: uuid("reward_id")
      .notNull()
      .references(() => rewards.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull().default(1),
    points: integer("points").notNull(),
    status: text("status").$type<RedemptionStatus>().notNull().default("pending"),
    /** Client-supplied (Idempotency-Key header) or generated; a retried request redeems once. */
    idempotencyKey: text("idempotency_key").notNull(),
    shipping: jsonb("shipping").$type<Record<string, string>>().notNull().default({}),
    staffNote: text("staff_note"),
    entryId: uuid("entry_id").references(() => journalEntries.id),
    refundEntryId: uuid("refund_entry_id").references(() => journalEntries.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("redemptions_idempotency_key").on(t.idempotencyKey),
    index("redemptions_user_idx").on(t.userId, t.createdAt),
    index("redemptions_status_idx").on(t.status, t.createdAt),
    check("redemptions_status_check", sql`${t.status} in ('pending', 'shipped', 'cancelled', 'fulfilled')`),
  ],
);
