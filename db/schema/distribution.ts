import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { orderLines, orders, products } from "./commerce";
import { posts } from "./content";
import { users } from "./identity";

/*
 * Distribution (分销): who may share links (rights), the links, their clicks, the visitors behind them,
 * commissions on attributed orders, payouts, and fraud flags. The money itself is in the ledger (cny
 * accounts: a creator's `pending` and `earnings` — confirmed money, which a refund after a payout may
 * take below zero, so it is not a non-negative kind — and the platform's `commission_expense`, `payouts`);
 * `commissions` and `payouts` hold the life cycle the ledger's entries point back to.
 */

export const RIGHTS_PATHS = ["creator", "tasks", "membership", "staff"] as const;
export type RightsPath = (typeof RIGHTS_PATHS)[number];

/** A member's current distribution rights: the path that grants them, or revoked. */
export const distributionRights = pgTable(
  "distribution_rights",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Null while the member has no rights (every path lapsed, or never had them). */
    path: text("path").$type<RightsPath>(),
    grantedAt: timestamp("granted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [check("distribution_rights_path_check", sql`${t.path} is null or ${t.path} in ('creator', 'tasks', 'membership', 'staff')`)],
);

/** Every grant and revocation, for the member's history and the audit trail. */
export const distributionRightsHistory = pgTable(
  "distribution_rights_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fromPath: text("from_path").$type<RightsPath>(),
    toPath: text("to_path").$type<RightsPath>(),
    reason: text("reason").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("distribution_rights_history_user_idx").on(t.userId, t.at)],
);

export const distributionLinks = pgTable(
  "distribution_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Non-guessable short code for /d/<code> (random, base58, 10 characters). */
    code: text("code").notNull(),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    targetType: text("target_type").$type<"product" | "post">().notNull(),
    productId: uuid("product_id").references(() => products.id, { onDelete: "cascade" }),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    /** Denormalised stats, moved in the transactions that record a click, an order or a commission. */
    clicks: integer("clicks").notNull().default(0),
    uniqueVisitors: integer("unique_visitors").notNull().default(0),
    orders: integer("orders").notNull().default(0),
    gmvCents: bigint("gmv_cents", { mode: "number" }).notNull().default(0),
    commissionCents: bigint("commission_cents", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("distribution_links_code_key").on(t.code),
    // One live link per creator and target: creating it again returns the same link. On the coalesced
    // target, because one of the two target columns is always null and nulls never collide in an index.
    uniqueIndex("distribution_links_live_target_key").on(t.creatorId, sql`coalesce(${t.productId}, ${t.postId})`).where(sql`${t.archivedAt} is null`),
    index("distribution_links_creator_idx").on(t.creatorId, t.createdAt),
    check(
      "distribution_links_target_check",
      sql`(${t.targetType} = 'product' and ${t.productId} is not null and ${t.postId} is null) or (${t.targetType} = 'post' and ${t.postId} is not null and ${t.productId} is null)`,
    ),
  ],
);

export const linkClicks = pgTable(
  "link_clicks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    linkId: uuid("link_id")
      .notNull()
      .references(() => distributionLinks.id, { onDelete: "cascade" }),
    /** The first-party visitor id from the signed attribution cookie. */
    visitorId: text("visitor_id").notNull(),
    /** The signed-in member who clicked, if any. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    referrer: text("referrer"),
    userAgent: text("user_agent"),
    /** SHA-256 of the IP with a server secret: enough to spot floods, never the address itself. */
    ipHash: text("ip_hash"),
    /** False for a repeat from the same visitor within 24 h and for bots: kept, but not counted. */
    counted: boolean("counted").notNull(),
    isBot: boolean("is_bot").notNull().default(false),
  },
  (t) => [
    index("link_clicks_visitor_idx").on(t.visitorId, t.at),
    index("link_clicks_link_idx").on(t.linkId, t.at),
    index("link_clicks_ip_idx").on(t.ipHash, t.at),
    // The ops console counts a day's clicks by time range (server/ops/metrics/compute-daily.ts).
    index("link_clicks_at_idx").on(t.at),
  ],
);

/** A first-party visitor id bound to the account that signed up or logged in with it. */
export const visitorBindings = pgTable(
  "visitor_bindings",
  {
    visitorId: text("visitor_id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    boundAt: timestamp("bound_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("visitor_bindings_user_idx").on(t.userId, t.boundAt)],
);

export const COMMISSION_STATUSES = ["pending", "confirmed", "paid", "reversed"] as const;
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

/** The commission one attributed order line earns its creator (and the MCN's contracted share). */
export const commissions = pgTable(
  "commissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    orderLineId: uuid("order_line_id")
      .notNull()
      .references(() => orderLines.id, { onDelete: "cascade" }),
    linkId: uuid("link_id").references(() => distributionLinks.id, { onDelete: "set null" }),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Filled by the creator issue's MCN hook: the MCN and its share of this commission. */
    mcnId: uuid("mcn_id"),
    mcnShareCents: bigint("mcn_share_cents", { mode: "number" }).notNull().default(0),
    /** The creator's own amount (after any MCN share), integer cents. */
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    reversedCents: bigint("reversed_cents", { mode: "number" }).notNull().default(0),
    rateBp: integer("rate_bp").notNull(),
    tierMultiplierBp: integer("tier_multiplier_bp").notNull().default(10000),
    status: text("status").$type<CommissionStatus>().notNull(),
    confirmableAt: timestamp("confirmable_at", { withTimezone: true }).notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    payoutId: uuid("payout_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("commissions_line_key").on(t.orderLineId),
    index("commissions_creator_idx").on(t.creatorId, t.createdAt),
    index("commissions_confirmable_idx").on(t.confirmableAt).where(sql`${t.status} = 'pending'`),
    index("commissions_order_idx").on(t.orderId),
    // A day's commission for the ops console.
    index("commissions_created_idx").on(t.createdAt),
    check("commissions_status_check", sql`${t.status} in ('pending', 'confirmed', 'paid', 'reversed')`),
    check("commissions_amounts_check", sql`${t.amountCents} >= 0 and ${t.reversedCents} >= 0 and ${t.reversedCents} <= ${t.amountCents} + ${t.mcnShareCents}`),
  ],
);

/** Every step of a commission's life, with a reason code the earnings timeline translates. */
export const commissionEvents = pgTable(
  "commission_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    commissionId: uuid("commission_id")
      .notNull()
      .references(() => commissions.id, { onDelete: "cascade" }),
    /** created, confirmed, reversed_full, reversed_partial, paid_out, clawed_back … */
    reason: text("reason").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    entryId: uuid("entry_id"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("commission_events_commission_idx").on(t.commissionId, t.at)],
);

export const PAYOUT_STATUSES = ["requested", "approved", "paid", "rejected"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export const payouts = pgTable(
  "payouts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The creator's, or (ownerType mcn) the MCN's. */
    ownerType: text("owner_type").$type<"user" | "mcn">().notNull().default("user"),
    ownerId: uuid("owner_id").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    status: text("status").$type<PayoutStatus>().notNull(),
    /** Why staff rejected it (shown to the creator), or held it (fraud flag). */
    reason: text("reason"),
    /** Set while the payout waits for staff because its owner is flagged. */
    heldForReview: boolean("held_for_review").notNull().default(false),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    /** `payout:<ownerId>:<caller's key>`: a retried request creates nothing twice. */
    idempotencyKey: text("idempotency_key").notNull(),
  },
  (t) => [
    uniqueIndex("payouts_idempotency_key").on(t.idempotencyKey),
    index("payouts_owner_idx").on(t.ownerType, t.ownerId, t.requestedAt),
    index("payouts_status_idx").on(t.status, t.requestedAt),
    check("payouts_amount_check", sql`${t.amountCents} > 0`),
    check("payouts_status_check", sql`${t.status} in ('requested', 'approved', 'paid', 'rejected')`),
  ],
);

export const FRAUD_KINDS = ["self_purchase", "click_flood", "refund_rate"] as const;
export type FraudKind = (typeof FRAUD_KINDS)[number];

export const fraudFlags = pgTable(
  "fraud_flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<FraudKind>().notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolution: text("resolution"),
  },
  (t) => [
    // One open flag per member and kind; a new signal updates its details.
    uniqueIndex("fraud_flags_open_key").on(t.userId, t.kind).where(sql`${t.resolvedAt} is null`),
    index("fraud_flags_created_idx").on(t.createdAt),
  ],
);
