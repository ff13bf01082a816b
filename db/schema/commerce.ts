import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { categories, posts } from "./content";
import { users } from "./identity";
import { uploads } from "./media";

/*
 * Commerce: products, the built-in shop's orders and refunds, external stores that report their orders
 * through a signed webhook, and membership plans. Money is integer cents (CNY) everywhere; what an order
 * earns anyone (commission, purchase points) lives in the ledger, keyed by the order and its lines.
 */

export const PRODUCT_STATUSES = ["draft", "active", "archived"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Up to 9 images, in order; the first is the cover. */
    imageUploadIds: jsonb("image_upload_ids").$type<string[]>().notNull().default([]),
    coverUploadId: uuid("cover_upload_id").references(() => uploads.id, { onDelete: "set null" }),
    priceCents: integer("price_cents").notNull(),
    stock: integer("stock").notNull(),
    /** Commission on a line total, in basis points (1,000 = 10 %). */
    commissionRateBp: integer("commission_rate_bp").notNull(),
    categoryId: uuid("category_id").references(() => categories.id, { onDelete: "set null" }),
    status: text("status").$type<ProductStatus>().notNull().default("active"),
    soldCount: integer("sold_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    check("products_stock_check", sql`${t.stock} >= 0`),
    check("products_price_check", sql`${t.priceCents} > 0`),
    check("products_rate_check", sql`${t.commissionRateBp} between 0 and 10000`),
    check("products_status_check", sql`${t.status} in ('draft', 'active', 'archived')`),
    index("products_status_idx").on(t.status, t.createdAt, t.id),
  ],
);

/** Products an author links to a note (up to 5, in order). */
export const postProducts = pgTable(
  "post_products",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.productId] }), index("post_products_product_idx").on(t.productId)],
);

/** A store outside Seedbed that reports its orders to `ingestExternalOrder`, signing each body with its secret. */
export const externalStores = pgTable(
  "external_stores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** The HMAC-SHA256 key; shown to staff once when the store is created. */
    secret: text("secret").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("external_stores_slug_key").on(t.slug)],
);

export const ORDER_STATUSES = ["pending", "paid", "confirmed", "partially_refunded", "refunded", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_KINDS = ["product", "membership"] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Human-readable order number shown to buyers and staff, e.g. SB20261130-4F7Q2K. */
    number: text("number").notNull(),
    kind: text("kind").$type<OrderKind>().notNull().default("product"),
    /** shop (built in) or external (reported by a store). */
    source: text("source").$type<"shop" | "external">().notNull(),
    /** The buyer's account; an external order may have none. */
    buyerId: uuid("buyer_id").references(() => users.id, { onDelete: "set null" }),
    storeId: uuid("store_id").references(() => externalStores.id),
    externalOrderId: text("external_order_id"),
    membershipPlanId: uuid("membership_plan_id"),
    status: text("status").$type<OrderStatus>().notNull(),
    totalCents: bigint("total_cents", { mode: "number" }).notNull(),
    refundedCents: bigint("refunded_cents", { mode: "number" }).notNull().default(0),
    /** The attribution decided when the order was created (last click within the window), if any. */
    linkId: uuid("link_id"),
    creatorId: uuid("creator_id").references(() => users.id, { onDelete: "set null" }),
    /** The first-party visitor id the attribution came through (cookie). */
    visitorId: text("visitor_id"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    /** When the holding period ends and the order's commission may confirm. */
    confirmableAt: timestamp("confirmable_at", { withTimezone: true }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** Pending orders hold their stock until then; the expiry job cancels them and puts it back. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("orders_number_key").on(t.number),
    uniqueIndex("orders_external_key").on(t.storeId, t.externalOrderId),
    index("orders_buyer_idx").on(t.buyerId, t.createdAt),
    index("orders_creator_idx").on(t.creatorId, t.createdAt),
    index("orders_link_idx").on(t.linkId),
    // The ops console's day ranges: orders placed (activity) and paid (GMV).
    index("orders_created_idx").on(t.createdAt),
    index("orders_paid_idx").on(t.paidAt).where(sql`${t.paidAt} is not null`),
    index("orders_confirmable_idx").on(t.confirmableAt).where(sql`${t.status} in ('paid', 'partially_refunded')`),
    index("orders_pending_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'pending'`),
    check("orders_status_check", sql`${t.status} in ('pending', 'paid', 'confirmed', 'partially_refunded', 'refunded', 'cancelled')`),
    check("orders_amounts_check", sql`${t.totalCents} >= 0 and ${t.refundedCents} >= 0 and ${t.refundedCents} <= ${t.totalCents}`),
  ],
);

export const orderLines = pgTable(
  "order_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** Null for a membership line or an external product we don't carry. */
    productId: uuid("product_id").references(() => products.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
    quantity: integer("quantity").notNull(),
    lineTotalCents: bigint("line_total_cents", { mode: "number" }).notNull(),
    /** The product's rate when the order was placed (later rate changes don't touch placed orders). */
    commissionRateBp: integer("commission_rate_bp").notNull().default(0),
    refundedCents: bigint("refunded_cents", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    index("order_lines_order_idx").on(t.orderId),
    index("order_lines_product_idx").on(t.productId),
    check("order_lines_quantity_check", sql`${t.quantity} > 0 and ${t.unitPriceCents} >= 0`),
    check("order_lines_refund_check", sql`${t.refundedCents} >= 0 and ${t.refundedCents} <= ${t.lineTotalCents}`),
  ],
);

export const refunds = pgTable(
  "refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    reason: text("reason").notNull().default(""),
    /** `refund:<orderId>:<caller's key>` or `refund:external:<storeId>:<externalOrderId>:<refundedTotal>`. */
    idempotencyKey: text("idempotency_key").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("refunds_idempotency_key").on(t.idempotencyKey), index("refunds_order_idx").on(t.orderId), index("refunds_created_idx").on(t.createdAt), check("refunds_amount_check", sql`${t.amountCents} > 0`)],
);

export const paymentAttempts = pgTable(
  "payment_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** `sandbox` for the demo and tests; a real provider names itself. */
    provider: text("provider").notNull(),
    providerRef: text("provider_ref"),
    status: text("status").$type<"succeeded" | "failed">().notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("payment_attempts_order_idx").on(t.orderId)],
);

/** What a membership plan gives while it runs. */
export interface MembershipBenefits {
  distributionRights: boolean;
  /** Points multiplier in basis points applied on top of the level's (10,000 = none). */
  pointsMultiplierBp: number;
  /** Points granted at the start of each month of membership. */
  monthlyPoints: number;
  /** A birthday gift description, shown to the member; empty for none. */
  birthdayGift: string;
}

export const membershipPlans = pgTable(
  "membership_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionZh: text("description_zh").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    priceCents: integer("price_cents").notNull(),
    durationDays: integer("duration_days").notNull(),
    benefits: jsonb("benefits").$type<MembershipBenefits>().notNull(),
    active: text("active").$type<"active" | "retired">().notNull().default("active"),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [check("membership_plans_price_check", sql`${t.priceCents} > 0 and ${t.durationDays} > 0`)],
);

/** One paid period of a plan; a renewal is a new row starting where the member's last one ends. */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    planId: uuid("plan_id")
      .notNull()
      .references(() => membershipPlans.id),
    /** The order that paid for it; unique, so one paid order starts one period. */
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** Set when the period was cut short (its order refunded). */
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** Set by the expiry job once endsAt has passed and `commerce.membership.ended` went out. */
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("memberships_order_key").on(t.orderId), index("memberships_user_idx").on(t.userId, t.endsAt)],
);
