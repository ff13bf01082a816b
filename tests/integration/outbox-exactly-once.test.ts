import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countDeliveries } from "../../server/jobs/process-outbox";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import {
  countEffects,
  createEffectsTable,
  emitTestEvents,
  spawnWorker,
  testEffects,
  waitFor,
  type WorkerProcess,
} from "../fixtures/outbox-harness";

/** Every emitted event id with how many times the consumer's effect was written for it. */
async function effectCounts(db: TestDatabase) {
  return db.handle.db
    .select({
      eventId: testEffects.eventId,
      n: sql<number>`count(*)::int`,
      workers: sql<string[]>`array_agg(distinct ${testEffects.worker})`,
    })
    .from(testEffects)
    .groupBy(testEffects.eventId);
}

describe("outbox delivery across worker processes", () => {
  let db: TestDatabase;
  const workers: WorkerProcess[] = [];

  beforeEach(async () => {
    db = await createTestDatabase();
    await createEffectsTable(db.handle.db);
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) {
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
      await w.exited;
    }
    await db.close();
  });

  it(
    "gives each event to the consumer exactly once when the worker is SIGKILLed mid-batch and restarted",
    async () => {
      const ids = await emitTestEvents(db.handle.db, 300);

      const first = spawnWorker({ databaseUrl: db.url, name: "first", effectDelayMs: 4 });
      workers.push(first);
      await first.ready;
      // Effects are only visible once their delivery committed; kill while the rest are in flight.
      await waitFor(async () => (await countEffects(db.handle.db)) >= 60, 30_000, "the first worker to make progress");
      first.child.kill("SIGKILL");
      await first.exited;

      const afterKill = await countDeliveries(db.handle.db);
      expect(afterKill.delivered).toBeGreaterThanOrEqual(60);
      expect(afterKill.delivered).toBeLessThan(300); // the kill really landed mid-way
      expect(await countEffects(db.handle.db)).toBe(afterKill.delivered); // effects and marks committed together

      const second = spawnWorker({ databaseUrl: db.url, name: "second", effectDelayMs: 1 });
      workers.push(second);
      await second.ready;
      await waitFor(async () => (await countDeliveries(db.handle.db)).delivered === 300, 60_000, "all deliveries");

      const counts = await effectCounts(db);
      expect(counts.map((c) => c.eventId).sort((a, b) => a - b)).toEqual(ids);
      expect(counts.filter((c) => c.n !== 1)).toEqual([]);
      const byWorker = new Set(counts.flatMap((c) => c.workers));
      expect(byWorker).toEqual(new Set(["first", "second"]));
      expect(await countDeliveries(db.handle.db)).toEqual({ pending: 0, delivered: 300, dead: 0 });

      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0); // graceful stop finished its delivery and closed the database
    },
    120_000,
  );

  it(
    "never delivers an event twice when three workers race over 500 events",
    async () => {
      const racers = ["a", "b", "c"].map((name) => spawnWorker({ databaseUrl: db.url, name, effectDelayMs: 2 }));
      workers.push(...racers);
      await Promise.all(racers.map((w) => w.ready));

      const ids = await emitTestEvents(db.handle.db, 500);
      await waitFor(async () => (await countDeliveries(db.handle.db)).delivered === 500, 90_000, "all deliveries");

      const counts = await effectCounts(db);
      expect(counts).toHaveLength(500);
      expect(counts.map((c) => c.eventId).sort((a, b) => a - b)).toEqual(ids);
      expect(counts.filter((c) => c.n !== 1)).toEqual([]);
      expect(await countEffects(db.handle.db)).toBe(500);
      // The race was real: more than one worker did part of the work.
      expect(new Set(counts.flatMap((c) => c.workers)).size).toBeGreaterThan(1);

      for (const w of racers) w.child.kill("SIGTERM");
      expect(await Promise.all(racers.map((w) => w.exited))).toEqual([0, 0, 0]);
    },
    120_000,
  );
});
