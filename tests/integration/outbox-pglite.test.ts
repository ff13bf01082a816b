import { sql } from "drizzle-orm";
import { bigint, pgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { jobRuns, outboxDeliveries } from "../../db/schema";
import { defineConsumer } from "../../server/jobs/consumer";
import { emitEvent } from "../../server/jobs/emit-event";
import { countDeliveries } from "../../server/jobs/process-outbox";
import { pruneExpiredSchedule } from "../../server/jobs/prune-expired";
import { createJobRunner } from "../../server/jobs/runner";
import { systemClock } from "../../server/shared/clock";
import { createTestContext } from "../setup/context";

const pgliteEffects = pgTable("pglite_effects", { eventId: bigint("event_id", { mode: "number" }).primaryKey() });

/** The embedded default: one PGlite connection, where transactions take turns instead of racing. */
describe("jobs on the embedded PGlite database", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ kind: "pglite", dir: "memory://" });
    await runMigrations(handle);
    await handle.db.execute(sql`create table pglite_effects (event_id bigint primary key)`);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("delivers events in the background, retries a failure, and runs the pruning job", async () => {
    let failOnce = true;
    const consumer = defineConsumer({
      name: "test.pgliteEffects",
      events: ["test.thing.happened"],
      async handle(tx, event) {
        await tx.execute(sql`insert into pglite_effects (event_id) values (${event.id})`);
        if (event.payload.n === 0 && failOnce) {
          failOnce = false;
          throw new Error("first attempt fails");
        }
      },
    });
    const ctx = createTestContext(handle.db, { clock: systemClock });
    const runner = createJobRunner({
      db: handle.db,
      logger: ctx.logger,
      clock: systemClock,
      consumers: [consumer],
      schedules: [pruneExpiredSchedule],
      context: { config: ctx.config, realtime: ctx.realtime },
      pollIntervalMs: 20,
    });

    await handle.db.transaction(async (tx) => {
      for (let n = 0; n < 40; n++) await emitEvent(tx, { type: "test.thing.happened", payload: { n }, occurredAt: new Date() });
    });
    runner.start();
    // The failed first attempt is retried after its ~1 s backoff.
    const deadline = Date.now() + 10_000;
    while ((await countDeliveries(handle.db)).delivered < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await runner.stop();

    expect(await countDeliveries(handle.db)).toEqual({ pending: 0, delivered: 40, dead: 0 });
    expect(await handle.db.select({ n: sql<number>`count(*)::int` }).from(pgliteEffects)).toEqual([{ n: 40 }]);
    const retried = await handle.db.select().from(outboxDeliveries).where(sql`${outboxDeliveries.attempts} = 2`);
    expect(retried).toHaveLength(1);
    expect(await handle.db.select({ job: jobRuns.job, status: jobRuns.status }).from(jobRuns)).toEqual([
      { job: "jobs.pruneExpired", status: "succeeded" },
    ]);
  });
});
