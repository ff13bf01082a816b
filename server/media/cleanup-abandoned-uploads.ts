import { and, eq, inArray, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client";
import { uploads } from "../../db/schema";
import { defineSchedule } from "../jobs/schedule";
import { createStorage, type Storage } from "../storage";
import { IMAGE_VARIANTS, uploadKey } from "./rules";

/** Rejected rows are kept this long so a support question can still be answered, then removed. */
const REJECTED_RETENTION_MS = 7 * 86_400_000;
const BATCH = 200;

/**
 * Removes uploads nobody finished: pending past their expiry (the client went away after, or
 * before, sending the bytes), with whatever bytes they left, and old rejected rows. Objects go
 * first, rows after, so a crash in between leaves a row the next run retries rather than an orphan.
 */
export async function cleanupAbandonedUploads(options: {
  db: Database;
  storage: Storage;
  now: Date;
}): Promise<{ pending: number; rejected: number }> {
  const { db, storage, now } = options;
  let pending = 0;
  let rejected = 0;
  for (;;) {
    const rows = await db
      .select({ id: uploads.id, ownerId: uploads.ownerId, key: uploads.key, status: uploads.status })
      .from(uploads)
      .where(
        or(
          and(eq(uploads.status, "pending"), lt(uploads.expiresAt, now)),
          and(eq(uploads.status, "rejected"), lt(uploads.createdAt, new Date(now.getTime() - REJECTED_RETENTION_MS))),
        ),
      )
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      const renditions = [...IMAGE_VARIANTS.image, ...IMAGE_VARIANTS.avatar].map((v) => uploadKey(row.ownerId, row.id, `${v.name}.webp`));
      for (const key of new Set([row.key, ...renditions])) await storage.delete(key);
    }
    // Only rows still in the state we cleaned: a late completion that won the race keeps its upload.
    const deleted = await db
      .delete(uploads)
      .where(
        and(
          inArray(uploads.id, rows.map((r) => r.id)),
          or(and(eq(uploads.status, "pending"), lt(uploads.expiresAt, now)), eq(uploads.status, "rejected")),
        ),
      )
      .returning({ status: uploads.status });
    pending += deleted.filter((d) => d.status === "pending").length;
    rejected += deleted.filter((d) => d.status === "rejected").length;
    if (rows.length < BATCH) break;
  }
  return { pending, rejected };
}

/** Every 15 minutes: pending uploads expire an hour after they start. */
export const cleanupAbandonedUploadsSchedule = defineSchedule({
  name: "media.cleanupAbandonedUploads",
  every: "15m",
  async run(ctx) {
    // Scheduled jobs get no storage client of their own; one per run is cheap and released after.
    const storage = await createStorage(ctx.config.storage);
    try {
      const removed = await cleanupAbandonedUploads({ db: ctx.db, storage, now: ctx.clock.now() });
      if (removed.pending + removed.rejected > 0) ctx.logger.info(removed, "removed abandoned uploads");
    } finally {
      storage.close?.();
    }
  },
});
