import type { Database } from "../../db/client";
import type { Config } from "../config";
import type { RealtimePublisher } from "../context";
import type { Clock } from "../shared/clock";
import { localDate, zonedInstant } from "../shared/clock";
import type { Logger } from "../shared/logger";

/** What a periodic job's `run` receives. */
export interface ScheduleContext {
  db: Database;
  clock: Clock;
  logger: Logger;
  realtime: RealtimePublisher;
  config: Config;
  /** The time slot this run owns, e.g. `2026-11-23T03:00:00.000Z` or (daily) `2026-11-23`. */
  slot: string;
  /** When the slot began: the instant the run became due. */
  scheduledFor: Date;
}

/**
 * `"30s" | "5m" | "1h" | "1d"`: slots aligned to the Unix epoch (so `"1d"` starts at 00:00 UTC);
 * `{ dailyAt: "03:00" }`: once per platform-local day (config.platformTimeZone) at that local time.
 */
export type Every = `${number}${"s" | "m" | "h" | "d"}` | { dailyAt: string };

export interface Schedule {
  /** Stable name; part of the `job_runs` key, so renaming makes a new job. */
  name: string;
  every: Every;
  /**
   * The job body. It runs at most once per slot across every worker; a worker that dies mid-run
   * leaves its slot marked `running` and the next slot runs normally, so jobs should be idempotent
   * and catch up on whatever an earlier slot left undone.
   */
  run: (ctx: ScheduleContext) => Promise<void>;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Declares a periodic job; its `every` is checked once at start-up. */
export function defineSchedule(schedule: Schedule): Schedule {
  slotAt(schedule.every, new Date(0), "UTC"); // throws on a malformed `every`
  return schedule;
}

/**
 * The slot that is due at `now`, or null when none is (a daily job before its time today).
 * Pure: the scheduler claims the returned slot in `job_runs`.
 */
export function slotAt(every: Every, now: Date, timeZone: string): { slot: string; scheduledFor: Date } | null {
  if (typeof every === "string") {
    const match = /^(\d+)([smhd])$/.exec(every);
    const size = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : 0;
    if (!match || size < 1_000) throw new Error(`Invalid schedule interval "${every}" (use e.g. "30s", "5m", "1h", "1d").`);
    const start = new Date(Math.floor(now.getTime() / size) * size);
    return { slot: start.toISOString(), scheduledFor: start };
  }
  const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(every.dailyAt);
  if (!time) throw new Error(`Invalid daily time "${every.dailyAt}" (use HH:MM, 24-hour).`);
  const today = localDate(now, timeZone);
  const due = zonedInstant(today, Number(time[1]), Number(time[2]), timeZone);
  // Only today's slot counts: a day whose time passed while no worker ran is not replayed later.
  return now.getTime() >= due.getTime() ? { slot: today, scheduledFor: due } : null;
}

// Re-exported where it has always been imported from; it lives with the rest of time in shared/clock.
export { zonedInstant };
