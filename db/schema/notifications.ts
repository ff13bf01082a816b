import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

export const NOTIFICATION_TYPES = ["like", "favorite", "comment", "reply", "follow", "mention", "moderation", "system", "level", "badge", "challenge", "reward", "points", "checkin"] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/**
 * The persisted inbox. Alike notifications aggregate while unread: a like on a note the recipient
 * hasn't looked at yet bumps one row ("小红 and 12 others liked your note") instead of adding one,
 * keyed by `groupKey` (e.g. `like:post:<id>`); the partial unique index keeps one unread row per group.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<NotificationType>().notNull(),
    groupKey: text("group_key").notNull(),
    /** The latest actors first, at most a few (names shown); actorCount counts them all. */
    actorIds: jsonb("actor_ids").$type<string[]>().notNull().default([]),
    actorCount: integer("actor_count").notNull().default(0),
    subjectType: text("subject_type").$type<"post" | "comment" | "user" | "system" | "badge" | "challenge" | "reward">().notNull(),
    subjectId: uuid("subject_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("notifications_unread_group_key").on(t.userId, t.groupKey).where(sql`${t.readAt} is null`),
    index("notifications_inbox_idx").on(t.userId, t.updatedAt, t.id),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    check(
      "notifications_type_check",
      sql`${t.type} in ('like', 'favorite', 'comment', 'reply', 'follow', 'mention', 'moderation', 'system', 'level', 'badge', 'challenge', 'reward', 'points', 'checkin')`,
    ),
  ],
);

export type Notification = typeof notifications.$inferSelect;
