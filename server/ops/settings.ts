import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Queryable } from "../../db/client";
import { settings } from "../../db/schema";
import { recordAudit } from "./audit";

/**
 * A staff-editable setting, read with its schema and its default (DESIGN.md's value) when no row exists
 * or the stored value no longer parses — so a bad row degrades to the default instead of breaking
 * every request that reads it.
 */
export async function readSetting<T>(db: Queryable, key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  if (!row) return fallback;
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : fallback;
}

/** Writes a setting and audits the change (before/after) in the caller's transaction. */
export async function writeSetting(
  tx: Queryable,
  input: { key: string; value: unknown; actorId: string | null; now: Date },
): Promise<void> {
  const [before] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, input.key));
  await tx
    .insert(settings)
    .values({ key: input.key, value: input.value, updatedAt: input.now, updatedBy: input.actorId })
    .onConflictDoUpdate({ target: settings.key, set: { value: input.value, updatedAt: input.now, updatedBy: input.actorId } });
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "ops.setting.updated",
    subjectType: "setting",
    subjectId: input.key,
    before: before?.value ?? null,
    after: input.value,
    at: input.now,
  });
}

/**
 * Writes a value the system itself produces (a nightly check's outcome, say), without an audit entry:
 * the audit log is for what staff change, and a job writing every night would bury that.
 */
export async function writeSystemSetting(db: Queryable, input: { key: string; value: unknown; now: Date }): Promise<void> {
  await db
    .insert(settings)
    .values({ key: input.key, value: input.value, updatedAt: input.now, updatedBy: null })
    .onConflictDoUpdate({ target: settings.key, set: { value: input.value, updatedAt: input.now, updatedBy: null } });
}
