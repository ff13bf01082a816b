import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/*
 * One double-entry journal for points (积分), growth (成长值) and money (CNY cents), as DOMAIN.md sets out.
 * Rows of journal_entries and postings are never updated or deleted; a correction is a new entry that
 * names the one it reverses. account_balances is the cache the postings prove, written in the same
 * transaction, and its CHECK makes an overdraft of a spendable account fail inside the database.
 */

export const LEDGER_ASSETS = ["points", "growth", "cny"] as const;
export type LedgerAsset = (typeof LEDGER_ASSETS)[number];

export const LEDGER_OWNER_TYPES = ["user", "mcn", "platform"] as const;
export type LedgerOwnerType = (typeof LEDGER_OWNER_TYPES)[number];

/** The owner id of the platform's own accounts (owner_type 'platform'). */
export const PLATFORM_OWNER_ID = "00000000-0000-0000-0000-000000000000";

export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerType: text("owner_type").$type<LedgerOwnerType>().notNull(),
    ownerId: uuid("owner_id").notNull(),
    asset: text("asset").$type<LedgerAsset>().notNull(),
    /**
     * user: available, pending (purchase points or commission waiting for confirmation), paid …;
     * platform: issuance (points and growth created), expense (rewards), breakage (expired points),
     * payouts, revenue … — the ledger module names them.
     */
    kind: text("kind").notNull(),
    /** Spendable accounts may never go below zero (copied into account_balances for its CHECK). */
    nonNegative: boolean("non_negative").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("ledger_accounts_owner_key").on(t.ownerType, t.ownerId, t.asset, t.kind),
    check("ledger_accounts_asset_check", sql`${t.asset} in ('points', 'growth', 'cny')`),
    check("ledger_accounts_owner_type_check", sql`${t.ownerType} in ('user', 'mcn', 'platform')`),
  ],
);

export const journalEntries = pgTable(
  "journal_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** `<effect>:<source>`, e.g. `points:checkin:<userId>:<localDate>`; the exactly-once guarantee. */
    idempotencyKey: text("idempotency_key").notNull(),
    /** A reason code the UI translates (checkin, rule:post.published, redemption, expiry …). */
    reason: text("reason").notNull(),
    /** The outbox event that caused it, when one did. */
    sourceEventId: bigint("source_event_id", { mode: "number" }),
    /** The rule that priced it, when one did (gamification point_rules.id). */
    ruleId: uuid("rule_id"),
    /** The user the entry is about (for "my ledger" and leaderboards), when there is one. */
    userId: uuid("user_id"),
    reversesEntryId: uuid("reverses_entry_id"),
    /** Facts for display and audit: { postId, challengeId, rewardId, … }. */
    memo: jsonb("memo").$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("journal_entries_idempotency_key").on(t.idempotencyKey),
    index("journal_entries_user_idx").on(t.userId, t.occurredAt, t.id),
    index("journal_entries_reverses_idx").on(t.reversesEntryId),
    index("journal_entries_occurred_idx").on(t.occurredAt),
  ],
);

export const postings = pgTable(
  "postings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => journalEntries.id),
    accountId: uuid("account_id")
      .notNull()
      .references(() => ledgerAccounts.id),
    asset: text("asset").$type<LedgerAsset>().notNull(),
    /** Signed integer units (points, growth, or CNY cents); an entry's postings sum to zero per asset. */
    amount: bigint("amount", { mode: "number" }).notNull(),
  },
  (t) => [index("postings_entry_idx").on(t.entryId), index("postings_account_idx").on(t.accountId, t.id)],
);

export const accountBalances = pgTable(
  "account_balances",
  {
    accountId: uuid("account_id")
      .primaryKey()
      .references(() => ledgerAccounts.id),
    balance: bigint("balance", { mode: "number" }).notNull().default(0),
    nonNegative: boolean("non_negative").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [check("account_balances_non_negative", sql`not ${t.nonNegative} or ${t.balance} >= 0`)],
);

/**
 * FIFO lots of earned points, for expiry: each credit to a user's available points opens a lot; spending
 * and expiry consume the oldest lots first. `remaining` is derived bookkeeping (the journal stays the
 * truth); the expiry job moves what remains of an expired lot to breakage with a journal entry.
 */
export const pointLots = pgTable(
  "point_lots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => journalEntries.id),
    amount: integer("amount").notNull(),
    remaining: integer("remaining").notNull(),
    earnedAt: timestamp("earned_at", { withTimezone: true }).notNull(),
    /** Null while the policy is "never". */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("point_lots_entry_key").on(t.entryId),
    index("point_lots_open_idx").on(t.userId, t.earnedAt, t.id).where(sql`${t.remaining} > 0`),
    index("point_lots_expiry_idx").on(t.expiresAt).where(sql`${t.remaining} > 0 and ${t.expiresAt} is not null`),
    check("point_lots_remaining_check", sql`${t.remaining} >= 0 and ${t.remaining} <= ${t.amount}`),
  ],
);
