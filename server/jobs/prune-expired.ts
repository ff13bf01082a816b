import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { defineSchedule } from "./schedule";

/** Delivered outbox rows are kept this long for debugging, then removed. Dead ones are kept until retried. */
export const OUTBOX_RETENTION_DAYS = 14;
/** Rows deleted per statement, so pruning a large backlog never holds long locks. */
const CHUNK = 5_000;

/**
 * Deletes expired sessions, delivered deliveries older than the retention, and events older than the
 * retention that no delivery refers to any more (dead and pending deliveries keep their event).
 */
export async function pruneExpired(options: {
  db: Database;
  now: Date;
  retentionDays?: number;
}): Promise<{ sessions: number; deliveries: number; events: number }> {
  const { db, now } = options;
  const cutoff = new Date(now.getTime() - (options.retentionDays ?? OUTBOX_RETENTION_DAYS) * 86_400_000);
  const nowIso = now.toISOString();
  const cutoffIso = cutoff.toISOString();

  const sessions = await deleteInChunks(
    db,
    sql`delete from sessions where id in (
      select id from sessions where expires_at < ${nowIso}::timestamptz limit ${CHUNK})`,
  );
  const deliveries = await deleteInChunks(
    db,
    sql`delete from outbox_deliveries where (event_id, consumer) in (
      select event_id, consumer from outbox_deliveries
      where status = 'delivered' and delivered_at < ${cutoffIso}::timestamptz limit ${CHUNK})`,
  );
  const events = await deleteInChunks(
    db,
    sql`delete from outbox_events where id in (
      select e.id from outbox_events e
      where e.fanned_out_at is not null and e.fanned_out_at < ${cutoffIso}::timestamptz
        and not exists (select 1 from outbox_deliveries d where d.event_id = e.id)
      limit ${CHUNK})`,
  );
  return { sessions, deliveries, events };
}

async function deleteInChunks(db: Database, statement: ReturnType<typeof sql>): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db.execute(statement);
    const count = affectedRows(result);
    total += count;
    if (count < CHUNK) return total;
  }
}

/** postgres.js reports `count`, PGlite `affectedRows`. */
function affectedRows(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number };
  return Number(r.count ?? r.affectedRows ?? 0);
}

/** Hourly: sessions expire by the minute, and the outbox tables stay small. */
export const pruneExpiredSchedule = defineSchedule({
  name: "jobs.pruneExpired",
  every: "1h",
  async run(ctx) {
    const pruned = await pruneExpired({ db: ctx.db, now: ctx.clock.now() });
    ctx.logger.info(pruned, "pruned expired rows");
  },
});
