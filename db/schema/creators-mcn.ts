import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

/*
 * Creator tiers (C1–C4, KOC → KOL) and MCN organisations with their contracts. A tier is recomputed daily
 * from a creator's standing; promotion is immediate, demotion waits out a grace period that starts with a
 * warning, so `creator_tiers` keeps the grace state next to the current tier. An MCN's money lives in the
 * ledger (owner_type mcn, asset cny); commissions record the MCN and its share at order time, so these
 * tables only decide *which* contract was in force.
 */

export const CREATOR_TIERS = ["C1", "C2", "C3", "C4"] as const;
export type CreatorTier = (typeof CREATOR_TIERS)[number];

/** The current tier of each creator, and the demotion grace in progress, if any. */
export const creatorTiers = pgTable(
  "creator_tiers",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    tier: text("tier").$type<CreatorTier>().notNull(),
    since: timestamp("since", { withTimezone: true }).notNull(),
    /** The lower tier the creator would drop to when the grace ends; null while no grace runs. */
    pendingTier: text("pending_tier").$type<CreatorTier>(),
    /** When the one warning of this grace was sent: a second daily run sees it and sends nothing. */
    warningSentAt: timestamp("warning_sent_at", { withTimezone: true }),
    /** The grace ends here; the first daily run at or after it demotes if the creator has not recovered. */
    demoteAfter: timestamp("demote_after", { withTimezone: true }),
    /** The standing measured at the last run, shown as progress toward the next tier. */
    stats: jsonb("stats").$type<Record<string, number>>().notNull().default({}),
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    check("creator_tiers_tier_check", sql`${t.tier} in ('C1', 'C2', 'C3', 'C4')`),
    check("creator_tiers_pending_check", sql`${t.pendingTier} is null or ${t.pendingTier} in ('C1', 'C2', 'C3', 'C4')`),
    // A grace always has both its target and its end, or neither.
    check("creator_tiers_grace_check", sql`(${t.pendingTier} is null) = (${t.demoteAfter} is null)`),
    index("creator_tiers_demote_idx").on(t.demoteAfter).where(sql`${t.demoteAfter} is not null`),
  ],
);

/** Every tier change (and grace start / cancel), for the creator's history and the audit trail. */
export const creatorTierHistory = pgTable(
  "creator_tier_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fromTier: text("from_tier").$type<CreatorTier>(),
    toTier: text("to_tier").$type<CreatorTier>().notNull(),
    /** promoted, demoted, grace_started, grace_cancelled, initial */
    reason: text("reason").notNull(),
    stats: jsonb("stats").$type<Record<string, number>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("creator_tier_history_user_idx").on(t.userId, t.at)],
);

export const mcns = pgTable(
  "mcns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** The MCN admin who created it; they manage it alone until co-admins are added to mcn_members. */
    adminId: uuid("admin_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // An organisation's name is how creators recognise an invitation, so two may not share it.
    uniqueIndex("mcns_name_key").on(sql`lower(${t.name})`),
    // One organisation per admin: the roster and balance pages are "mine", never a choice.
    uniqueIndex("mcns_admin_key").on(t.adminId),
  ],
);

/** The people who administer an MCN (its creator included). */
export const mcnMembers = pgTable(
  "mcn_members",
  {
    mcnId: uuid("mcn_id")
      .notNull()
      .references(() => mcns.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("mcn_members_key").on(t.mcnId, t.userId), index("mcn_members_user_idx").on(t.userId)],
);

export const MCN_INVITATION_STATUSES = ["invited", "accepted", "declined", "expired", "withdrawn"] as const;
export type McnInvitationStatus = (typeof MCN_INVITATION_STATUSES)[number];

export const mcnInvitations = pgTable(
  "mcn_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mcnId: uuid("mcn_id")
      .notNull()
      .references(() => mcns.id, { onDelete: "cascade" }),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The MCN's share of each of the creator's commissions, basis points (1–9,000). */
    shareBp: integer("share_bp").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    message: text("message").notNull().default(""),
    status: text("status").$type<McnInvitationStatus>().notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** An invitation not answered by then expires. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
  },
  (t) => [
    check("mcn_invitations_share_check", sql`${t.shareBp} between 1 and 9000`),
    check("mcn_invitations_dates_check", sql`${t.endsAt} > ${t.startsAt}`),
    check("mcn_invitations_status_check", sql`${t.status} in ('invited', 'accepted', 'declined', 'expired', 'withdrawn')`),
    // One open invitation per MCN and creator: inviting again while one waits is refused, not duplicated.
    uniqueIndex("mcn_invitations_open_key").on(t.mcnId, t.creatorId).where(sql`${t.status} = 'invited'`),
    index("mcn_invitations_creator_idx").on(t.creatorId, t.createdAt),
    index("mcn_invitations_mcn_idx").on(t.mcnId, t.createdAt),
  ],
);

export const MCN_CONTRACT_STATUSES = ["active", "ending", "ended"] as const;
export type McnContractStatus = (typeof MCN_CONTRACT_STATUSES)[number];

/**
 * A signed contract. `ending` means notice was given: the contract still earns its share until
 * `endsAt`, then a schedule ends it. The share in force at an order's time is what commissions use.
 */
export const mcnContracts = pgTable(
  "mcn_contracts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mcnId: uuid("mcn_id")
      .notNull()
      .references(() => mcns.id, { onDelete: "restrict" }),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    invitationId: uuid("invitation_id").references(() => mcnInvitations.id, { onDelete: "set null" }),
    shareBp: integer("share_bp").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: text("status").$type<McnContractStatus>().notNull(),
    /** Who gave notice (creator or MCN admin), when, and why. */
    noticeGivenBy: uuid("notice_given_by").references(() => users.id, { onDelete: "set null" }),
    noticeGivenAt: timestamp("notice_given_at", { withTimezone: true }),
    noticeReason: text("notice_reason"),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    check("mcn_contracts_share_check", sql`${t.shareBp} between 1 and 9000`),
    check("mcn_contracts_dates_check", sql`${t.endsAt} > ${t.startsAt}`),
    check("mcn_contracts_status_check", sql`${t.status} in ('active', 'ending', 'ended')`),
    // One MCN per creator at a time: racing accepts of two invitations can't both sign.
    uniqueIndex("mcn_contracts_one_live_key").on(t.creatorId).where(sql`${t.status} in ('active', 'ending')`),
    index("mcn_contracts_mcn_idx").on(t.mcnId, t.status),
    index("mcn_contracts_ends_idx").on(t.endsAt).where(sql`${t.status} in ('active', 'ending')`),
  ],
);

/** Every step of a contract: signed, notice_given, ended. */
export const mcnContractHistory = pgTable(
  "mcn_contract_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => mcnContracts.id, { onDelete: "cascade" }),
    mcnId: uuid("mcn_id").notNull(),
    creatorId: uuid("creator_id").notNull(),
    event: text("event").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("mcn_contract_history_contract_idx").on(t.contractId, t.at), index("mcn_contract_history_mcn_idx").on(t.mcnId, t.at)],
);
