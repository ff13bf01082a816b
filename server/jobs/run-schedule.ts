import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { jobRuns } from "../../db/schema";
import type { Config } from "../config";
import type { RealtimePublisher } from "../context";
import type { Clock } from "../shared/clock";
import type { Logger } from "../shared/logger";
import { slotAt, type Schedule } from "./schedule";

export type ScheduleOutcome =
  | { kind: "notDue" }
  | { kind: "taken"; slot: string }
  | { kind: "succeeded"; slot: string }
  | { kind: "failed"; slot: string; error: string };

/**
 * Runs `schedule` for the slot due now, unless some worker already has. The slot is claimed by
 * inserting its `job_runs` row (ON CONFLICT DO NOTHING): exactly one insert wins, on any number of
 * workers, and the winner records `succeeded` or `failed` when the job returns.
 */
export async function runScheduleIfDue(options: {
  db: Database;
  schedule: Schedule;
  clock: Clock;
  logger: Logger;
  config: Config;
  realtime: RealtimePublisher;
  /** Slots this caller already knows are claimed; skips the insert when the slot is one of them. */
  skipSlot?: string;
}): Promise<ScheduleOutcome> {
  const { db, schedule, clock, config } = options;
  const due = slotAt(schedule.every, clock.now(), config.platformTimeZone);
  if (!due) return { kind: "notDue" };
  if (due.slot === options.skipSlot) return { kind: "taken", slot: due.slot };

  const claimed = await db
    .insert(jobRuns)
    .values({ job: schedule.name, slot: due.slot, startedAt: clock.now(), status: "running" })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  if (claimed.length === 0) return { kind: "taken", slot: due.slot };

  const logger = options.logger.child({ job: schedule.name, slot: due.slot });
  const key = and(eq(jobRuns.job, schedule.name), eq(jobRuns.slot, due.slot));
  try {
    await schedule.run({
      db,
      clock,
      logger,
      config,
      realtime: options.realtime,
      slot: due.slot,
      scheduledFor: due.scheduledFor,
    });
  } catch (e) {
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    logger.error({ err: e }, "scheduled job failed");
    await db.update(jobRuns).set({ status: "failed", error: error.slice(0, 4_000), finishedAt: clock.now() }).where(key);
    return { kind: "failed", slot: due.slot, error };
  }
  await db.update(jobRuns).set({ status: "succeeded", finishedAt: clock.now() }).where(key);
  return { kind: "succeeded", slot: due.slot };
}
