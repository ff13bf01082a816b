import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, bigint, check } from "drizzle-orm/pg-core";

/**
 * The transactional outbox. Domain code inserts an event in the same transaction as the change it
 * describes; the processor fans each event out to one delivery per subscribed consumer and runs
 * every delivery in its own transaction, so a consumer's database effects happen exactly once.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** When the fact happened (domain clock), not when the row was written. */
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null until the processor has created this event's deliveries. */
    fannedOutAt: timestamp("fanned_out_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_events_pending_idx").on(t.id).where(sql`${t.fannedOutAt} is null`),
    index("outbox_events_type_idx").on(t.type, t.id),
  ],
);

export const DELIVERY_STATUSES = ["pending", "delivered", "dead"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const outboxDeliveries = pgTable(
  "outbox_deliveries",
  {
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => outboxEvents.id, { onDelete: "cascade" }),
    consumer: text("consumer").notNull(),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull(),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.consumer] }),
    index("outbox_deliveries_due_idx").on(t.availableAt, t.eventId).where(sql`${t.status} = 'pending'`),
    index("outbox_deliveries_dead_idx").on(t.updatedAt).where(sql`${t.status} = 'dead'`),
    check("outbox_deliveries_status_check", sql`${t.status} in ('pending', 'delivered', 'dead')`),
  ],
);

/**
 * One row per run of a periodic job and time slot (e.g. "ledger.checkBalances" / "2026-11-23T03"),
 * so several workers never run the same slot twice.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    job: text("job").notNull(),
    slot: text("slot").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    status: text("status").$type<"running" | "succeeded" | "failed">().notNull().default("running"),
    error: text("error"),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);

export type OutboxEvent = typeof outboxEvents.$inferSelect;
export type OutboxDelivery = typeof outboxDeliveries.$inferSelect;
