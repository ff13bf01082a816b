import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { jobRuns } from "../../db/schema";
import { createJobRunner } from "../../server/jobs/runner";
import { defineSchedule, slotAt, zonedInstant, type Every } from "../../server/jobs/schedule";
import { FixedClock } from "../../server/shared/clock";
import { createTestContext, testConfig } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

describe("scheduler", () => {
  let db: TestDatabase;
  const extraHandles: DatabaseHandle[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const h of extraHandles) await h.close();
    await db?.close();
  });
  beforeEach(async () => {
    await db.handle.db.delete(jobRuns);
  });

  /** A runner on its own connection pool, as a separate worker process would have. */
  async function workerWith(clock: FixedClock, every: Every, run: () => Promise<void>, config = testConfig()) {
    const handle = await openDatabase({ kind: "postgres", url: db.url, poolSize: 2 });
    extraHandles.push(handle);
    const ctx = createTestContext(handle.db, { clock, config });
    return createJobRunner({
      db: handle.db,
      logger: ctx.logger,
      clock,
      schedules: [defineSchedule({ name: "test.report", every, run })],
      context: { config, realtime: ctx.realtime },
    });
  }

  async function runsOf(job: string) {
    return db.handle.db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(jobRuns.slot);
  }

  it("runs a slot once when three workers reach it at the same moment", async () => {
    const clock = new FixedClock("2026-11-23T02:00:00Z");
    let runs = 0;
    const job = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 30)); // long enough for the others to arrive meanwhile
    };
    const workers = await Promise.all([1, 2, 3].map(() => workerWith(clock, "1h", job)));

    for (let hour = 0; hour < 3; hour++) {
      await Promise.all(workers.map((w) => w.runOnce()));
      await Promise.all(workers.map((w) => w.runOnce())); // a second look changes nothing
      clock.advance(3_600_000);
    }

    expect(runs).toBe(3);
    const rows = await runsOf("test.report");
    expect(rows.map((r) => [r.slot, r.status])).toEqual([
      ["2026-11-23T02:00:00.000Z", "succeeded"],
      ["2026-11-23T03:00:00.000Z", "succeeded"],
      ["2026-11-23T04:00:00.000Z", "succeeded"],
    ]);
  });

  it("runs a daily 03:00 job at 03:00 Asia/Shanghai, which is 19:00 UTC the day before", async () => {
    const clock = new FixedClock("2026-11-22T18:59:59Z"); // 02:59:59 on 11-23 in Shanghai
    const seen: string[] = [];
    const worker = await workerWith(clock, { dailyAt: "03:00" }, async () => {
      seen.push(clock.now().toISOString());
    });

    await worker.runOnce();
    expect(seen).toEqual([]);

    clock.set("2026-11-22T19:00:00Z");
    await worker.runOnce();
    expect(seen).toEqual(["2026-11-22T19:00:00.000Z"]);

    // Later the same local day: already done, also for a worker that starts fresh.
    clock.set("2026-11-23T15:59:59Z"); // 23:59:59 in Shanghai
    await worker.runOnce();
    const lateWorker = await workerWith(clock, { dailyAt: "03:00" }, async () => {
      seen.push("late worker");
    });
    await lateWorker.runOnce();
    expect(seen).toHaveLength(1);

    clock.set("2026-11-23T19:00:00Z"); // 03:00 on 11-24
    await worker.runOnce();
    expect(seen).toEqual(["2026-11-22T19:00:00.000Z", "2026-11-23T19:00:00.000Z"]);
    expect((await runsOf("test.report")).map((r) => r.slot)).toEqual(["2026-11-23", "2026-11-24"]);
  });

  it("records a failed run with its error and still runs the next slot", async () => {
    const clock = new FixedClock("2026-11-23T02:00:00Z");
    let fail = true;
    const worker = await workerWith(clock, "5m", async () => {
      if (fail) throw new Error("the report service is down");
    });

    await worker.runOnce();
    await worker.runOnce(); // a failed slot is not retried: the next slot is the retry
    clock.advance(5 * 60_000);
    fail = false;
    await worker.runOnce();

    const rows = await runsOf("test.report");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ slot: "2026-11-23T02:00:00.000Z", status: "failed", finishedAt: new Date("2026-11-23T02:00:00Z") });
    expect(rows[0]!.error).toContain("the report service is down");
    expect(rows[1]).toMatchObject({ slot: "2026-11-23T02:05:00.000Z", status: "succeeded", error: null });
  });

  it("computes local times across daylight-saving changes and rejects malformed schedules", () => {
    // New York: clocks jump from 02:00 to 03:00 on 2026-03-08 and fall back on 2026-11-01.
    expect(zonedInstant("2026-03-08", 3, 0, "America/New_York").toISOString()).toBe("2026-03-08T07:00:00.000Z");
    expect(zonedInstant("2026-11-01", 3, 0, "America/New_York").toISOString()).toBe("2026-11-01T08:00:00.000Z");
    expect(zonedInstant("2026-11-23", 3, 0, "Asia/Shanghai").toISOString()).toBe("2026-11-22T19:00:00.000Z");
    expect(slotAt("1d", new Date("2026-11-23T23:59:00Z"), "Asia/Shanghai")?.slot).toBe("2026-11-23T00:00:00.000Z");
    expect(() => defineSchedule({ name: "x", every: "0s", run: async () => {} })).toThrow(/Invalid schedule interval/);
    expect(() => defineSchedule({ name: "x", every: { dailyAt: "25:00" }, run: async () => {} })).toThrow(/Invalid daily time/);
  });
});
