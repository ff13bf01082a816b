import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxDeliveries, outboxEvents, sessions } from "../../db/schema";
import { pruneExpiredSchedule } from "../../server/jobs/prune-expired";
import { createJobRunner } from "../../server/jobs/runner";
import { FixedClock } from "../../server/shared/clock";
import { createUser } from "../../server/identity";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const DAY = 86_400_000;

describe("built-in pruning job", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("removes expired sessions and old delivered outbox rows, and keeps dead and recent ones", async () => {
    const now = new Date("2026-11-23T02:00:00Z");
    const clock = new FixedClock(now);
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const d = db.handle.db;

    const user = await createUser(d, { handle: "pruned", email: "pruned@example.com", password: { hash: "x" }, now: ago(60) });
    await d.insert(sessions).values([
      { id: "expired", userId: user.id, createdAt: ago(40), expiresAt: ago(1), lastSeenAt: ago(2) },
      { id: "live", userId: user.id, createdAt: ago(1), expiresAt: new Date(now.getTime() + DAY), lastSeenAt: ago(1) },
    ]);

    const event = (id: number, fannedDaysAgo: number) => ({
      id,
      type: "test.thing.happened",
      payload: {},
      occurredAt: ago(fannedDaysAgo),
      fannedOutAt: ago(fannedDaysAgo),
    });
    await d.insert(outboxEvents).values([event(1, 30), event(2, 30), event(3, 30), event(4, 2), event(5, 30)]);
    const delivery = (eventId: number, status: "delivered" | "dead" | "pending", daysAgo: number) => ({
      eventId,
      consumer: "test.consumer",
      status,
      attempts: 1,
      availableAt: ago(daysAgo),
      updatedAt: ago(daysAgo),
      deliveredAt: status === "delivered" ? ago(daysAgo) : null,
    });
    await d.insert(outboxDeliveries).values([
      delivery(1, "delivered", 30), // old and delivered: goes, and its event with it
      delivery(2, "dead", 30), // dead letters wait for staff, however old
      delivery(3, "delivered", 30),
      { ...delivery(3, "pending", 30), consumer: "test.other" }, // event 3 still owed to another consumer
      delivery(4, "delivered", 2), // recent: kept for debugging
      // event 5: nobody subscribed; old, so it goes
    ]);

    const ctx = createTestContext(d, { clock });
    const runner = createJobRunner({
      db: d,
      logger: ctx.logger,
      clock,
      schedules: [pruneExpiredSchedule],
      context: { config: ctx.config, realtime: ctx.realtime },
    });
    const pass = await runner.runOnce();
    expect(pass.schedules).toEqual([{ name: "jobs.pruneExpired", outcome: { kind: "succeeded", slot: "2026-11-23T02:00:00.000Z" } }]);

    expect((await d.select({ id: sessions.id }).from(sessions)).map((s) => s.id)).toEqual(["live"]);
    const events = await d.select({ id: outboxEvents.id }).from(outboxEvents).orderBy(outboxEvents.id);
    expect(events.map((e) => e.id)).toEqual([2, 3, 4]);
    const deliveries = await d
      .select({ eventId: outboxDeliveries.eventId, consumer: outboxDeliveries.consumer, status: outboxDeliveries.status })
      .from(outboxDeliveries)
      .orderBy(outboxDeliveries.eventId, outboxDeliveries.consumer);
    expect(deliveries).toEqual([
      { eventId: 2, consumer: "test.consumer", status: "dead" },
      { eventId: 3, consumer: "test.other", status: "pending" },
      { eventId: 4, consumer: "test.consumer", status: "delivered" },
    ]);
  });
});
