import type { Database } from "../../db/client";
import type { Config } from "../config";
import type { RealtimePublisher } from "../context";
import type { Clock } from "../shared/clock";
import type { Logger } from "../shared/logger";
import { DEFAULT_MAX_ATTEMPTS } from "./backoff";
import type { Consumer, ConsumerContext } from "./consumer";
import { deliverBatch, deliverNext, fanOutEvents, type DeliveryOutcome } from "./process-outbox";
import { runScheduleIfDue, type ScheduleOutcome } from "./run-schedule";
import type { Schedule } from "./schedule";

export interface JobRunnerOptions {
  db: Database;
  logger: Logger;
  clock: Clock;
  consumers?: readonly Consumer[];
  schedules?: readonly Schedule[];
  /** Shared pieces handed to consumers and scheduled jobs. */
  context: { config: Config; realtime: RealtimePublisher };
  /** How long an idle runner waits before looking again (default 250 ms); busy runners re-poll at once. */
  pollIntervalMs?: number;
  /** Events fanned out, and at most deliveries attempted (in one transaction), per pass (default 200). */
  batchSize?: number;
  /** Failed attempts after which a delivery is `dead` (default 8). */
  maxAttempts?: number;
}

/** What one pass did. */
export interface PassResult {
  fannedOut: number;
  delivered: number;
  retrying: number;
  dead: number;
  schedules: { name: string; outcome: ScheduleOutcome }[];
}

export interface JobRunner {
  /** Starts polling the outbox and the schedules in the background. */
  start(): void;
  /** Stops polling; resolves once the delivery (and scheduled job) in hand has finished. */
  stop(): Promise<void>;
  /** One pass: fan out a batch, attempt up to a batch of due deliveries, run due schedules. */
  runOnce(): Promise<PassResult>;
  /** Passes until nothing is due (retries scheduled for later are left); for tests and scripts. */
  drain(): Promise<PassResult>;
}

const MAX_ERROR_BACKOFF_MS = 30_000;

/**
 * The outbox processor and scheduler of one process. Any number of runners — threads of one web
 * process, `npm run worker` processes, several machines — may share a database: every claim is a
 * row lock (deliveries, FOR UPDATE SKIP LOCKED) or a unique insert (schedule slots), so nothing is
 * processed twice. On PGlite there is one connection and transactions simply take turns.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, clock } = options;
  const logger = options.logger.child({ component: "jobs" });
  const consumers = indexByName(options.consumers ?? [], "consumer");
  const schedules = [...indexByName(options.schedules ?? [], "schedule").values()];
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const batchSize = options.batchSize ?? 200;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const consumerContext: ConsumerContext = { clock, logger, ...options.context };
  /** The last slot each schedule was seen claimed (by us or anyone), so idle ticks need no query. */
  const knownSlots = new Map<string, string>();

  let stopping = false;
  let loops: Promise<void>[] = [];
  const wakers = new Set<() => void>();

  async function outboxPass(): Promise<Omit<PassResult, "schedules">> {
    const result = { fannedOut: 0, delivered: 0, retrying: 0, dead: 0 };
    // Runs even with no consumers, so events nobody subscribes to leave the pending index.
    result.fannedOut = await fanOutEvents({ db, consumers: [...consumers.values()], clock, limit: batchSize });
    if (stopping) return result;
    let outcomes: DeliveryOutcome[];
    try {
      outcomes = await deliverBatch({ db, consumers, context: consumerContext, maxAttempts, logger, limit: batchSize });
    } catch (e) {
      // The batch's transaction broke (not just a handler: those are caught inside it). One at a time,
      // a delivery that keeps breaking its transaction has its attempts counted and ends up dead.
      logger.error({ err: e }, "delivery batch failed; delivering one at a time");
      outcomes = [];
      for (let i = 0; i < batchSize && !stopping; i++) {
        const outcome = await deliverNext({ db, consumers, context: consumerContext, maxAttempts, logger });
        if (outcome.kind === "idle") break;
        outcomes.push(outcome);
      }
    }
    for (const outcome of outcomes) if (outcome.kind !== "idle") result[outcome.kind]++;
    return result;
  }

  async function runSchedules(): Promise<PassResult["schedules"]> {
    const outcomes: PassResult["schedules"] = [];
    for (const schedule of schedules) {
      if (stopping) break;
      const outcome = await runScheduleIfDue({
        db,
        schedule,
        clock,
        logger,
        ...options.context,
        skipSlot: knownSlots.get(schedule.name),
      });
      if (outcome.kind !== "notDue") knownSlots.set(schedule.name, outcome.slot);
      outcomes.push({ name: schedule.name, outcome });
    }
    return outcomes;
  }

  const isBusy = (r: Omit<PassResult, "schedules">) => r.fannedOut + r.delivered + r.retrying + r.dead > 0;

  /** Sleeps `ms`, or less when stop() is called. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });
  }

  async function loop(name: string, tick: () => Promise<boolean>) {
    let failures = 0;
    while (!stopping) {
      let busy = false;
      try {
        busy = await tick();
        failures = 0;
      } catch (e) {
        // Typically the database being unreachable: keep trying, but back off so logs stay readable.
        failures++;
        logger.error({ err: e, loop: name, failures }, "job loop pass failed");
      }
      if (stopping) break;
      if (!busy) await pause(failures ? Math.min(MAX_ERROR_BACKOFF_MS, pollIntervalMs * 2 ** failures) : pollIntervalMs);
    }
  }

  async function runOnce(): Promise<PassResult> {
    const outbox = await outboxPass();
    return { ...outbox, schedules: await runSchedules() };
  }

  return {
    start() {
      if (loops.length > 0) return;
      stopping = false;
      logger.info({ consumers: [...consumers.keys()], schedules: schedules.map((s) => s.name) }, "jobs started");
      loops = [
        loop("outbox", async () => isBusy(await outboxPass())),
        loop("schedules", async () => {
          await runSchedules();
          return false;
        }),
      ];
    },

    async stop() {
      stopping = true;
      for (const wake of [...wakers]) wake();
      await Promise.all(loops);
      loops = [];
      logger.info("jobs stopped");
    },

    runOnce,

    async drain() {
      const total: PassResult = { fannedOut: 0, delivered: 0, retrying: 0, dead: 0, schedules: [] };
      for (;;) {
        const pass = await runOnce();
        total.fannedOut += pass.fannedOut;
        total.delivered += pass.delivered;
        total.retrying += pass.retrying;
        total.dead += pass.dead;
        total.schedules.push(...pass.schedules.filter((s) => s.outcome.kind !== "notDue" && s.outcome.kind !== "taken"));
        if (!isBusy(pass) || stopping) return total;
      }
    },
  };
}

function indexByName<T extends { name: string }>(items: readonly T[], what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.name)) throw new Error(`Two ${what}s are named "${item.name}"; names must be unique.`);
    map.set(item.name, item);
  }
  return map;
}
