import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

export const UPLOAD_KINDS = ["image", "video", "avatar"] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];
export const UPLOAD_STATUSES = ["pending", "ready", "rejected"] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

/** Resized renditions of an image, by name (e.g. "thumb", "medium"), each its own object key. */
export type UploadVariants = Record<string, { key: string; width: number; height: number; mime: string }>;

/**
 * One uploaded object. The bytes live in object storage under `key` (namespaced by owner); this row
 * holds only what was declared, what sniffing found, and the renditions made from it.
 */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<UploadKind>().notNull(),
    key: text("key").notNull(),
    declaredMime: text("declared_mime").notNull(),
    declaredSize: bigint("declared_size", { mode: "number" }).notNull(),
    /** What the bytes are, found by sniffing after the upload; null until then. */
    mime: text("mime"),
    size: bigint("size", { mode: "number" }),
    width: integer("width"),
    height: integer("height"),
    durationMs: integer("duration_ms"),
    variants: jsonb("variants").$type<UploadVariants>().notNull().default({}),
    status: text("status").$type<UploadStatus>().notNull().default("pending"),
    rejectReason: text("reject_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /** A pending upload not completed by then is abandoned and may be deleted. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("uploads_key_key").on(t.key),
    index("uploads_owner_idx").on(t.ownerId, t.createdAt),
    index("uploads_pending_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'pending'`),
    check("uploads_kind_check", sql`${t.kind} in ('image', 'video', 'avatar')`),
    check("uploads_status_check", sql`${t.status} in ('pending', 'ready', 'rejected')`),
  ],
);

export type Upload = typeof uploads.$inferSelect;
