import { and, eq, sql } from "drizzle-orm";
import { bigint, pgTable, text } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxDeliveries, outboxEvents } from "../../db/schema";
import { retryDelayMs, DEFAULT_MAX_ATTEMPTS, JITTER_SHARE } from "../../server/jobs/backoff";
import { defineConsumer, type Consumer } from "../../server/jobs/consumer";
import { emitEvent } from "../../server/jobs/emit-event";
import { listDeadDeliveries } from "../../server/jobs/list-dead-deliveries";
import { retryAllDead } from "../../server/jobs/retry-all-dead";
import { retryDeadDelivery } from "../../server/jobs/retry-dead-delivery";
import { createJobRunner } from "../../server/jobs/runner";
import { FixedClock } from "../../server/shared/clock";
import { AppError } from "../../server/shared/errors";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const EVENT = "test.order.paid";
/** Created by the test: what the consumers under test write. */
const retryEffects = pgTable("retry_effects", {
  consumer: text("consumer").notNull(),
  eventId: bigint("event_id", { mode: "number" }).notNull(),
});
const HOUR = 3_600_000;

describe("outbox retries, dead letters and transactional emit", () => {
  let db: TestDatabase;
  let clock: FixedClock;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.handle.db.execute(sql`create table retry_effects (consumer text not null, event_id bigint not null)`);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    clock = new FixedClock("2026-11-23T02:00:00Z");
    await db.handle.db.execute(sql`truncate outbox_events, outbox_deliveries, retry_effects`);
  });

  function runnerWith(consumers: Consumer[], options: { maxAttempts?: number } = {}) {
    const ctx = createTestContext(db.handle.db, { clock });
    return createJobRunner({
      db: db.handle.db,
      logger: ctx.logger,
      clock,
      consumers,
      context: { config: ctx.config, realtime: ctx.realtime },
      ...options,
    });
  }

  /** A consumer that writes an effect row, but throws while `failing()` says so. */
  function flakyConsumer(name: string, failing: () => boolean) {
    let calls = 0;
    const consumer = defineConsumer({
      name,
      events: [EVENT],
      async handle(tx, event) {
        calls++;
        // Written before the failure: it must vanish with the failed attempt.
        await tx.execute(sql`insert into retry_effects (consumer, event_id) values (${name}, ${event.id})`);
        if (failing()) throw new Error(`${name} is broken (call ${calls})`);
      },
    });
    return { consumer, calls: () => calls };
  }

  async function emit() {
    return db.handle.db.transaction((tx) => emitEvent(tx, { type: EVENT, payload: { orderId: "o-1" }, occurredAt: clock.now() }));
  }

  async function delivery(eventId: number, consumer: string) {
    const [row] = await db.handle.db
      .select()
      .from(outboxDeliveries)
      .where(and(eq(outboxDeliveries.eventId, eventId), eq(outboxDeliveries.consumer, consumer)));
    return row!;
  }

  async function effects(consumer: string) {
    const [row] = await db.handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(retryEffects)
      .where(eq(retryEffects.consumer, consumer));
    return Number(row!.n);
  }

  it("waits 1 s · 2^(n−1) plus at most 25 % jitter between attempts, capped at an hour", () => {
    expect(retryDelayMs(1, () => 0)).toBe(1_000);
    expect(retryDelayMs(2, () => 0)).toBe(2_000);
    expect(retryDelayMs(4, () => 1)).toBe(8_000 * (1 + JITTER_SHARE));
    expect(retryDelayMs(40, () => 0)).toBe(HOUR);
    expect(retryDelayMs(40, () => 1)).toBe(HOUR * (1 + JITTER_SHARE));
  });

  it("delivers on the third attempt after two failures, once the clock passes each backoff", async () => {
    let failuresLeft = 2;
    const flaky = flakyConsumer("test.flaky", () => failuresLeft-- > 0);
    const runner = runnerWith([flaky.consumer]);
    const eventId = await emit();

    expect(await runner.drain()).toMatchObject({ fannedOut: 1, delivered: 0, retrying: 1 });
    let row = await delivery(eventId, "test.flaky");
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toContain("test.flaky is broken (call 1)");
    const firstWait = row.availableAt.getTime() - clock.now().getTime();
    expect(firstWait).toBeGreaterThanOrEqual(1_000);
    expect(firstWait).toBeLessThanOrEqual(1_000 * (1 + JITTER_SHARE));

    // Not due yet: nothing happens however often the runner looks.
    await runner.drain();
    expect(flaky.calls()).toBe(1);

    clock.set(row.availableAt);
    await runner.drain();
    row = await delivery(eventId, "test.flaky");
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    expect(row.availableAt.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(2_000);

    clock.set(row.availableAt);
    expect(await runner.drain()).toMatchObject({ delivered: 1 });
    row = await delivery(eventId, "test.flaky");
    expect(row).toMatchObject({ status: "delivered", attempts: 3 });
    expect(row.deliveredAt).toEqual(clock.now());
    // The two failed attempts' writes were rolled back; only the successful one remains.
    expect(await effects("test.flaky")).toBe(1);
  });

  it("marks a delivery dead after the maximum attempts, and staff retrying it after the fix delivers it", async () => {
    let broken = true;
    const flaky = flakyConsumer("test.alwaysFails", () => broken);
    const runner = runnerWith([flaky.consumer]);
    const eventId = await emit();

    for (let i = 0; i < DEFAULT_MAX_ATTEMPTS; i++) {
      await runner.drain();
      clock.advance(2 * HOUR);
    }
    expect(flaky.calls()).toBe(DEFAULT_MAX_ATTEMPTS);
    expect(await delivery(eventId, "test.alwaysFails")).toMatchObject({ status: "dead", attempts: DEFAULT_MAX_ATTEMPTS });
    await runner.drain();
    expect(flaky.calls()).toBe(DEFAULT_MAX_ATTEMPTS); // dead deliveries are not attempted again
    expect(await effects("test.alwaysFails")).toBe(0);

    const page = await listDeadDeliveries(db.handle.db, {});
    expect(page.items).toEqual([
      expect.objectContaining({
        eventId,
        eventType: EVENT,
        consumer: "test.alwaysFails",
        attempts: DEFAULT_MAX_ATTEMPTS,
        lastError: expect.stringContaining(`call ${DEFAULT_MAX_ATTEMPTS}`),
      }),
    ]);

    broken = false;
    const retried = await retryDeadDelivery(db.handle.db, { eventId, consumer: "test.alwaysFails", now: clock.now() });
    expect(retried).toMatchObject({ previousAttempts: DEFAULT_MAX_ATTEMPTS, lastError: expect.stringContaining("broken") });
    expect(await delivery(eventId, "test.alwaysFails")).toMatchObject({ status: "pending", attempts: 0 });
    await runner.drain();
    expect(await delivery(eventId, "test.alwaysFails")).toMatchObject({ status: "delivered", attempts: 1 });
    expect(await effects("test.alwaysFails")).toBe(1);
    expect((await listDeadDeliveries(db.handle.db, {})).items).toEqual([]);

    // Retrying something that is no longer dead would deliver twice: refused.
    await expect(retryDeadDelivery(db.handle.db, { eventId, consumer: "test.alwaysFails", now: clock.now() })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(retryDeadDelivery(db.handle.db, { eventId, consumer: "test.nobody", now: clock.now() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(retryDeadDelivery(db.handle.db, { eventId: -1, consumer: "", now: clock.now() })).rejects.toBeInstanceOf(AppError);
  });

  it("keeps delivering to a healthy consumer while another consumer of the same event fails", async () => {
    const broken = flakyConsumer("test.broken", () => true);
    const healthy = flakyConsumer("test.healthy", () => false);
    const runner = runnerWith([broken.consumer, healthy.consumer], { maxAttempts: 2 });
    const first = await emit();
    const second = await emit();

    await runner.drain();
    expect(await delivery(first, "test.healthy")).toMatchObject({ status: "delivered", attempts: 1 });
    expect(await delivery(second, "test.healthy")).toMatchObject({ status: "delivered", attempts: 1 });
    expect(await delivery(first, "test.broken")).toMatchObject({ status: "pending", attempts: 1 });
    expect(await effects("test.healthy")).toBe(2);

    clock.advance(HOUR);
    await runner.drain();
    expect(await delivery(first, "test.broken")).toMatchObject({ status: "dead", attempts: 2 });
    expect(await delivery(second, "test.broken")).toMatchObject({ status: "dead", attempts: 2 });

    // Retry all, paging through the dead letters first as the staff page does.
    const page1 = await listDeadDeliveries(db.handle.db, { limit: 1 });
    expect(page1.items).toHaveLength(1);
    const page2 = await listDeadDeliveries(db.handle.db, { limit: 1, cursor: page1.nextCursor! });
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect(new Set([page1.items[0]!.eventId, page2.items[0]!.eventId])).toEqual(new Set([first, second]));
    await expect(listDeadDeliveries(db.handle.db, { cursor: "not-a-cursor" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { cursor: expect.any(Array) },
    });

    expect((await retryAllDead(db.handle.db, { now: clock.now() })).count).toBe(2);
    expect(await delivery(first, "test.broken")).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("never delivers an event whose transaction rolled back", async () => {
    const consumer = flakyConsumer("test.listener", () => false);
    const runner = runnerWith([consumer.consumer]);

    await expect(
      db.handle.db.transaction(async (tx) => {
        await emitEvent(tx, { type: EVENT, payload: { orderId: "o-rolled-back" }, occurredAt: clock.now() });
        throw new Error("the change failed after emitting");
      }),
    ).rejects.toThrow("the change failed");

    expect(await runner.drain()).toMatchObject({ fannedOut: 0, delivered: 0 });
    expect(consumer.calls()).toBe(0);
    expect(await db.handle.db.select().from(outboxEvents)).toEqual([]);
    expect(await db.handle.db.select().from(outboxDeliveries)).toEqual([]);
  });

  it("skips deliveries of a consumer that no longer exists without stopping the others", async () => {
    const current = flakyConsumer("test.current", () => false);
    const eventId = await emit();
    // An older deployment fanned this event out to a consumer since removed from the code.
    await db.handle.db.insert(outboxDeliveries).values({
      eventId,
      consumer: "test.removed",
      availableAt: clock.now(),
      updatedAt: clock.now(),
    });

    const runner = runnerWith([current.consumer]);
    await runner.drain();
    expect(await delivery(eventId, "test.current")).toMatchObject({ status: "delivered" });
    expect(await delivery(eventId, "test.removed")).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("marks events nobody subscribes to as fanned out without creating deliveries", async () => {
    await db.handle.db.transaction((tx) => emitEvent(tx, { type: "test.unheard", payload: {}, occurredAt: clock.now() }));
    const runner = runnerWith([flakyConsumer("test.other", () => false).consumer]);
    expect(await runner.drain()).toMatchObject({ fannedOut: 1, delivered: 0 });
    const [event] = await db.handle.db.select().from(outboxEvents);
    expect(event!.fannedOutAt).toEqual(clock.now());
    expect(await db.handle.db.select().from(outboxDeliveries)).toEqual([]);
  });

  it("refuses two consumers with the same name", () => {
    const a = flakyConsumer("test.same", () => false).consumer;
    expect(() => runnerWith([a, a])).toThrow(/named "test.same"/);
  });
});
