import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

/**
 * Staff-editable settings that are one value each (points expiry policy, the global daily points cap,
 * the check-in streak bonus table, make-up card limits, later the attribution window …), keyed by a
 * dotted name. Each context reads its own keys with defaults from DESIGN.md when a row is missing.
 */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<unknown>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
});

/** Every staff action that changes rules or content, with what it was before and after. Append-only. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** `context.subject.verb`, e.g. `gamification.rule.updated`. */
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    before: jsonb("before").$type<unknown>(),
    after: jsonb("after").$type<unknown>(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("audit_log_subject_idx").on(t.subjectType, t.subjectId, t.at), index("audit_log_at_idx").on(t.at)],
);
