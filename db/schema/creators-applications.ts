import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { categories } from "./content";
import { users } from "./identity";

/*
 * Creator applications and recruitment. A member applies to become a creator; staff move the application
 * through review, an optional trial task (publish N notes in a category before a deadline, checked
 * automatically) and a decision. Personal data (real name, contact, region) is stored only as AES-256-GCM
 * ciphertext (`v1.<keyId>.<iv>.<tag>.<data>`, base64url; see server/creators/applications/pii.ts) so a database
 * dump never shows it in the clear; every staff view of it writes a `pii_access_log` row and an audit-log
 * entry. Staff invitations to apply feed the recruitment funnel.
 */

export const APPLICATION_STATUSES = ["submitted", "in_review", "trial", "approved", "rejected"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Another platform account the applicant runs, with its follower count as they declared it. */
export type PlatformAccount = { platform: string; handle: string; followers: number };

export const creatorApplications = pgTable(
  "creator_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicantId: uuid("applicant_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status").$type<ApplicationStatus>().notNull(),
    /** Encrypted PII: never store or log these in the clear. */
    realNameCipher: text("real_name_cipher").notNull(),
    contactCipher: text("contact_cipher").notNull(),
    regionCipher: text("region_cipher").notNull(),
    /** Category slugs the applicant creates in. */
    categories: jsonb("categories").$type<string[]>().notNull(),
    talents: jsonb("talents").$type<string[]>().notNull(),
    platformAccounts: jsonb("platform_accounts").$type<PlatformAccount[]>().notNull(),
    /** Free-text notes about sample work and ids of the applicant's own notes they point to. */
    sampleNotes: text("sample_notes").notNull().default(""),
    samplePostIds: jsonb("sample_post_ids").$type<string[]>().notNull(),
    /** Trial task, set when staff start one: publish `trialRequiredNotes` notes in the category by the deadline. */
    trialCategoryId: uuid("trial_category_id").references(() => categories.id, { onDelete: "set null" }),
    trialRequiredNotes: integer("trial_required_notes"),
    trialStartedAt: timestamp("trial_started_at", { withTimezone: true }),
    trialDeadline: timestamp("trial_deadline", { withTimezone: true }),
    /** Filled by the automatic check: when the trial was passed, or when its deadline passed without it. */
    trialPassedAt: timestamp("trial_passed_at", { withTimezone: true }),
    trialFailedAt: timestamp("trial_failed_at", { withTimezone: true }),
    /** Why it was rejected, shown to the applicant. */
    reason: text("reason"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** After a rejection: the earliest moment a new application is accepted (30 days later). */
    reapplyAfter: timestamp("reapply_after", { withTimezone: true }),
    /** The staff invitation this application answers, if any (for the funnel). */
    invitationId: uuid("invitation_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // One open application per member, enforced by the database so two racing submissions cannot both land.
    uniqueIndex("creator_applications_open_key").on(t.applicantId).where(sql`${t.status} in ('submitted', 'in_review', 'trial')`),
    index("creator_applications_applicant_idx").on(t.applicantId, t.createdAt),
    index("creator_applications_status_idx").on(t.status, t.createdAt),
    check("creator_applications_status_check", sql`${t.status} in ('submitted', 'in_review', 'trial', 'approved', 'rejected')`),
    check("creator_applications_reason_check", sql`${t.status} <> 'rejected' or ${t.reason} is not null`),
  ],
);

/** The application's timeline: every status change with who made it and why. Append-only. */
export const creatorApplicationEvents = pgTable(
  "creator_application_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => creatorApplications.id, { onDelete: "cascade" }),
    /** Null for automatic steps (the trial check). */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    fromStatus: text("from_status").$type<ApplicationStatus>(),
    toStatus: text("to_status").$type<ApplicationStatus>().notNull(),
    /** `submitted`, `review`, `trial_started`, `trial_passed`, `trial_failed`, `approved`, `rejected`. */
    kind: text("kind").notNull(),
    note: text("note"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("creator_application_events_app_idx").on(t.applicationId, t.at)],
);

/** Every time a staff member saw an application's decrypted personal data. Append-only. */
export const piiAccessLog = pgTable(
  "pii_access_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    viewerId: uuid("viewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => creatorApplications.id, { onDelete: "cascade" }),
    /** Where it was seen: `web` (the ops page) or `api`. */
    channel: text("channel").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("pii_access_log_app_idx").on(t.applicationId, t.at), index("pii_access_log_viewer_idx").on(t.viewerId, t.at)],
);

export const INVITATION_STATUSES = ["invited", "applied", "approved", "first_sale"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** A staff invitation to a member to apply; its status walks the recruitment funnel. */
export const creatorInvitations = pgTable(
  "creator_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    /** The category the candidate was found for, if one was chosen. */
    categoryId: uuid("category_id").references(() => categories.id, { onDelete: "set null" }),
    status: text("status").$type<InvitationStatus>().notNull(),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    firstSaleAt: timestamp("first_sale_at", { withTimezone: true }),
  },
  (t) => [
    // One invitation per member: inviting again returns the existing one instead of spamming them.
    uniqueIndex("creator_invitations_user_key").on(t.userId),
    index("creator_invitations_status_idx").on(t.status, t.invitedAt),
    check("creator_invitations_status_check", sql`${t.status} in ('invited', 'applied', 'approved', 'first_sale')`),
  ],
);

export type CreatorApplication = typeof creatorApplications.$inferSelect;
export type CreatorInvitation = typeof creatorInvitations.$inferSelect;
