import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { posts } from "./content";
import { users } from "./identity";

/*
 * The ops console's own state: user tags (manual, or made by a rule a schedule evaluates), segments
 * (RFM or tag filters), a segment notified about a campaign (once), curation of notes (pin, boost, bury
 * with decay, read by the score job), and the daily metrics a schedule fills so the dashboard never
 * scans every table per request.
 */

/** A rule-made tag's rule; the schedule understands these kinds only (anything else is refused on write). */
export type UserTagRule =
  | { kind: "likesInCategory"; category: string; min: number; days: number }
  | { kind: "postsInCategory"; category: string; min: number; days: number }
  | { kind: "ordersInDays"; min: number; days: number };

export const USER_TAG_KINDS = ["manual", "rule"] as const;
export type UserTagKind = (typeof USER_TAG_KINDS)[number];

export const userTags = pgTable(
  "user_tags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    kind: text("kind").$type<UserTagKind>().notNull(),
    /** Null for manual tags; the rule a schedule evaluates for rule-made ones. */
    rule: jsonb("rule").$type<UserTagRule>(),
    /** When the schedule last evaluated the rule (null: never, or manual). */
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    // Names are what staff pick from; two live tags with one name would be indistinguishable.
    uniqueIndex("user_tags_name_key").on(sql`lower(${t.name})`).where(sql`${t.archivedAt} is null`),
    check("user_tags_kind_check", sql`(${t.kind} = 'manual' and ${t.rule} is null) or (${t.kind} = 'rule' and ${t.rule} is not null)`),
  ],
);

/**
 * Who carries a tag. One row per tag and user, so assigning twice (a racing schedule, a double click)
 * changes nothing; `source` says whether staff or the rule put it there — the schedule removes only its own.
 */
export const userTagAssignments = pgTable(
  "user_tag_assignments",
  {
    tagId: uuid("tag_id")
      .notNull()
      .references(() => userTags.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    source: text("source").$type<UserTagKind>().notNull(),
    assignedBy: uuid("assigned_by").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tagId, t.userId] }),
    index("user_tag_assignments_user_idx").on(t.userId),
    check("user_tag_assignments_source_check", sql`${t.source} in ('manual', 'rule')`),
  ],
);

/** A segment's definition: RFM bounds (any may be absent) or the carriers of a tag. */
export type SegmentDefinition =
  | {
      kind: "rfm";
      /** Last paid order at most this many days ago. */
      maxRecencyDays?: number;
      /** At least this many paid orders in the look-back window. */
      minFrequency?: number;
      /** At least this much paid (net of refunds) in the look-back window, in cents. */
      minMonetaryCents?: number;
      /** The window frequency and monetary are counted over. */
      windowDays: number;
    }
  | { kind: "tag"; tagId: string };

export const segments = pgTable(
  "segments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    definition: jsonb("definition").$type<SegmentDefinition>().notNull(),
    /** Members matching when last counted, shown in lists without re-running every definition. */
    lastCount: integer("last_count"),
    countedAt: timestamp("counted_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("segments_name_key").on(sql`lower(${t.name})`).where(sql`${t.archivedAt} is null`)],
);

export const SEGMENT_NOTIFICATION_STATUSES = ["queued", "sending", "done"] as const;
export type SegmentNotificationStatus = (typeof SEGMENT_NOTIFICATION_STATUSES)[number];

/**
 * A segment told about a campaign. Unique per segment and campaign, so a second request (or a racing
 * one) returns the first instead of notifying everyone again; the members are fixed when it is queued
 * and a job sends in batches, moving `sent` so staff see progress.
 */
export const segmentNotifications = pgTable(
  "segment_notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    /** The campaign's id (no foreign key: campaigns live in another context and may be platform or creator run). */
    campaignId: text("campaign_id").notNull(),
    title: text("title").notNull(),
    message: text("message").notNull(),
    /** Where the notification leads, e.g. /campaigns/<id>. */
    href: text("href").notNull(),
    status: text("status").$type<SegmentNotificationStatus>().notNull().default("queued"),
    total: integer("total").notNull().default(0),
    sent: integer("sent").notNull().default(0),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("segment_notifications_segment_campaign_key").on(t.segmentId, t.campaignId),
    check("segment_notifications_status_check", sql`${t.status} in ('queued', 'sending', 'done')`),
    check("segment_notifications_counts_check", sql`${t.sent} >= 0 and ${t.sent} <= ${t.total}`),
  ],
);

/**
 * The members a segment notification goes to, fixed when queued. `notifiedAt` is set in the same
 * transaction as the inbox row, so a redelivered batch skips whoever already has it.
 */
export const segmentNotificationRecipients = pgTable(
  "segment_notification_recipients",
  {
    segmentNotificationId: uuid("segment_notification_id")
      .notNull()
      .references(() => segmentNotifications.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.segmentNotificationId, t.userId] }),
    index("segment_notification_recipients_pending_idx").on(t.segmentNotificationId).where(sql`${t.notifiedAt} is null`),
  ],
);

export const CURATION_ACTIONS = ["pin", "boost", "bury"] as const;
export type CurationAction = (typeof CURATION_ACTIONS)[number];

/**
 * Staff curation of a note. The score job multiplies the hot score by a factor that starts at
 * `weightBp` (basis points; boost > 10000, bury < 10000, pin far above everything) and returns
 * linearly to 10000 over `decayDays`, so a boost fades and a bury heals without anyone undoing it.
 * One live curation per note: a new one replaces the old (which is ended, kept for history).
 */
export const postCurations = pgTable(
  "post_curations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    action: text("action").$type<CurationAction>().notNull(),
    weightBp: integer("weight_bp").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    decayDays: integer("decay_days").notNull(),
    reason: text("reason").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** Set when staff lift it or a newer curation replaces it. */
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("post_curations_live_post_key").on(t.postId).where(sql`${t.endedAt} is null`),
    index("post_curations_created_idx").on(t.createdAt),
    check("post_curations_action_check", sql`${t.action} in ('pin', 'boost', 'bury')`),
    check(
      "post_curations_weight_check",
      sql`(${t.action} = 'bury' and ${t.weightBp} >= 0 and ${t.weightBp} < 10000) or (${t.action} in ('pin', 'boost') and ${t.weightBp} > 10000)`,
    ),
    check("post_curations_decay_check", sql`${t.decayDays} between 1 and 90`),
  ],
);

/**
 * One number per day, key and dimension (e.g. `dau`, `gmv_cents`; dimension '' for the platform or a
 * creator's id for per-creator numbers), written by the daily metrics schedule (recomputing a day
 * replaces its rows), so the dashboard reads a few hundred rows instead of scanning activity.
 */
export const metricsDaily = pgTable(
  "metrics_daily",
  {
    day: date("day", { mode: "string" }).notNull(),
    key: text("key").notNull(),
    dimension: text("dimension").notNull().default(""),
    value: bigint("value", { mode: "number" }).notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.key, t.dimension] }), index("metrics_daily_key_idx").on(t.key, t.day), index("metrics_daily_dimension_idx").on(t.dimension, t.day)],
);

export type UserTag = typeof userTags.$inferSelect;
export type Segment = typeof segments.$inferSelect;
export type PostCuration = typeof postCurations.$inferSelect;
