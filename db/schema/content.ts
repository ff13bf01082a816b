import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./identity";
import { uploads } from "./media";

/** Verticals (美妆, 美食, 数码 …); staff add, rename, reorder and retire them. */
export const categories = pgTable(
  "categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    position: integer("position").notNull().default(0),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("categories_slug_key").on(t.slug)],
);

export const POST_STATUSES = ["draft", "published", "held", "hidden", "removed", "deleted"] as const;
/**
 * draft → published; published → held (keyword match, awaiting review) → published;
 * published → hidden / removed (staff) → published (restored); any → deleted (author, soft).
 */
export type PostStatus = (typeof POST_STATUSES)[number];

export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status").$type<PostStatus>().notNull().default("draft"),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    categoryId: uuid("category_id").references(() => categories.id, { onDelete: "set null" }),
    mediaKind: text("media_kind").$type<"images" | "video">().notNull().default("images"),
    /** The first image (or the video's poster), denormalised so feed cards need no join. */
    coverUploadId: uuid("cover_upload_id").references(() => uploads.id, { onDelete: "set null" }),
    likeCount: integer("like_count").notNull().default(0),
    favoriteCount: integer("favorite_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    shareCount: integer("share_count").notNull().default(0),
    /** Engagement with time decay, recomputed by a job (feeds read it, never compute it). */
    hotScore: doublePrecision("hot_score").notNull().default(0),
    /** Content quality estimate for recommendations (media, length, engagement rate). */
    qualityScore: doublePrecision("quality_score").notNull().default(0),
    featuredAt: timestamp("featured_at", { withTimezone: true }),
    featuredBy: uuid("featured_by").references(() => users.id, { onDelete: "set null" }),
    /** Why staff hid or removed it, shown to the author. */
    moderationReason: text("moderation_reason"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    // Keyset pagination for every feed: (sort key, id) on published posts only.
    index("posts_published_idx").on(t.publishedAt, t.id).where(sql`${t.status} = 'published'`),
    index("posts_author_idx").on(t.authorId, t.publishedAt, t.id),
    index("posts_category_idx").on(t.categoryId, t.publishedAt, t.id).where(sql`${t.status} = 'published'`),
    index("posts_hot_idx").on(t.hotScore, t.id).where(sql`${t.status} = 'published'`),
    index("posts_featured_idx").on(t.featuredAt, t.id).where(sql`${t.status} = 'published' and ${t.featuredAt} is not null`),
    index("posts_status_idx").on(t.status, t.updatedAt),
    check("posts_status_check", sql`${t.status} in ('draft', 'published', 'held', 'hidden', 'removed', 'deleted')`),
    check("posts_counts_check", sql`${t.likeCount} >= 0 and ${t.favoriteCount} >= 0 and ${t.commentCount} >= 0 and ${t.shareCount} >= 0`),
  ],
);

/** A post's images in order (or its one video at position 0). */
export const postMedia = pgTable(
  "post_media",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    uploadId: uuid("upload_id")
      .notNull()
      .references(() => uploads.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.position] }), check("post_media_position_check", sql`${t.position} between 0 and 8`)],
);

export const topics = pgTable(
  "topics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    postCount: integer("post_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("topics_name_lower_key").on(sql`lower(${t.name})`)],
);

export const postTopics = pgTable(
  "post_topics",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    topicId: uuid("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.topicId] }), index("post_topics_topic_idx").on(t.topicId)],
);

export const postMentions = pgTable(
  "post_mentions",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
);

export const likes = pgTable(
  "likes",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.postId] }),
    index("likes_post_idx").on(t.postId, t.createdAt),
    // The ops console counts a day's likes (and active members) by time range.
    index("likes_created_idx").on(t.createdAt),
  ],
);

export const favorites = pgTable(
  "favorites",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.postId] }),
    index("favorites_user_idx").on(t.userId, t.createdAt),
    index("favorites_post_idx").on(t.postId),
    index("favorites_created_idx").on(t.createdAt),
  ],
);

export const COMMENT_STATUSES = ["visible", "hidden", "removed", "deleted"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** Comments with one level of replies: a reply's parent is always a top-level comment. */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    /** For a reply: whom it answers (shown as "回复 @name"). */
    replyToUserId: uuid("reply_to_user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    status: text("status").$type<CommentStatus>().notNull().default("visible"),
    replyCount: integer("reply_count").notNull().default(0),
    moderationReason: text("moderation_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("comments_post_idx").on(t.postId, t.createdAt, t.id).where(sql`${t.parentId} is null`),
    index("comments_parent_idx").on(t.parentId, t.createdAt, t.id).where(sql`${t.parentId} is not null`),
    index("comments_author_idx").on(t.authorId, t.createdAt),
    index("comments_created_idx").on(t.createdAt),
    check("comments_status_check", sql`${t.status} in ('visible', 'hidden', 'removed', 'deleted')`),
  ],
);

export const follows = pgTable(
  "follows",
  {
    followerId: uuid("follower_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    followeeId: uuid("followee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.followerId, t.followeeId] }),
    index("follows_followee_idx").on(t.followeeId, t.createdAt),
    check("follows_not_self_check", sql`${t.followerId} <> ${t.followeeId}`),
  ],
);

/** Every share a member makes (a share URL handed out), for counts and later attribution. */
export const shares = pgTable(
  "shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    channel: text("channel").notNull().default("link"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("shares_post_idx").on(t.postId, t.createdAt)],
);

/** Denormalised per-user counters, updated in the same transaction as their source rows. */
export const userStats = pgTable(
  "user_stats",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    followerCount: integer("follower_count").notNull().default(0),
    followingCount: integer("following_count").notNull().default(0),
    postCount: integer("post_count").notNull().default(0),
    likesReceived: integer("likes_received").notNull().default(0),
    favoritesReceived: integer("favorites_received").notNull().default(0),
  },
  (t) => [
    check(
      "user_stats_nonnegative_check",
      sql`${t.followerCount} >= 0 and ${t.followingCount} >= 0 and ${t.postCount} >= 0 and ${t.likesReceived} >= 0 and ${t.favoritesReceived} >= 0`,
    ),
  ],
);

/** What a reader is into, learned from likes, favourites and reads; drives the recommended feed. */
export const userInterests = pgTable(
  "user_interests",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "cascade" }),
    score: doublePrecision("score").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.categoryId] })],
);

export const REPORT_REASONS = ["spam", "offensive", "fraud", "illegal", "privacy", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export type ModerationTarget = "post" | "comment";

export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    targetType: text("target_type").$type<ModerationTarget>().notNull(),
    targetId: uuid("target_id").notNull(),
    reporterId: uuid("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").$type<ReportReason>().notNull(),
    detail: text("detail").notNull().default(""),
    status: text("status").$type<"open" | "actioned" | "dismissed">().notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    // One report per member per target; reporting again changes nothing.
    uniqueIndex("reports_once_key").on(t.targetType, t.targetId, t.reporterId),
    index("reports_open_idx").on(t.createdAt, t.id).where(sql`${t.status} = 'open'`),
    check("reports_target_check", sql`${t.targetType} in ('post', 'comment')`),
  ],
);

export const MODERATION_ACTIONS = ["hold", "approve", "hide", "remove", "restore", "dismiss"] as const;
export type ModerationActionKind = (typeof MODERATION_ACTIONS)[number];

/** Every moderation decision, by staff or by the keyword filter (actor null). Append-only. */
export const moderationActions = pgTable(
  "moderation_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    targetType: text("target_type").$type<ModerationTarget>().notNull(),
    targetId: uuid("target_id").notNull(),
    action: text("action").$type<ModerationActionKind>().notNull(),
    reason: text("reason").notNull().default(""),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("moderation_actions_target_idx").on(t.targetType, t.targetId, t.createdAt)],
);

/** An author's appeal against one decision; the unique index makes it one appeal per decision. */
export const appeals = pgTable(
  "appeals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actionId: uuid("action_id")
      .notNull()
      .references(() => moderationActions.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    status: text("status").$type<"open" | "upheld" | "overturned">().notNull().default("open"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("appeals_action_key").on(t.actionId), index("appeals_open_idx").on(t.createdAt).where(sql`${t.status} = 'open'`)],
);

/** Staff-edited words that hold a matching note for review before anyone else sees it. */
export const moderationKeywords = pgTable(
  "moderation_keywords",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    keyword: text("keyword").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("moderation_keywords_lower_key").on(sql`lower(${t.keyword})`)],
);

export type Post = typeof posts.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type Category = typeof categories.$inferSelect;
