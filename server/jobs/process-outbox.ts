import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { outboxDeliveries, outboxEvents } from "../../db/schema";
import type { Clock } from "../shared/clock";
import type { Logger } from "../shared/logger";
import { AfterCommitPublisher } from "./after-commit-publisher";
import { retryDelayMs } from "./backoff";
import type { Consumer, ConsumerContext } from "./consumer";

/** Longest error text kept on a delivery; enough for a message and the top of a stack. */
const MAX_ERROR_LENGTH = 4_000;

/**
 * Step 1 of delivery: turns up to `limit` new events into one pending delivery per subscribed
 * consumer. Rows are locked with SKIP LOCKED, so concurrent workers fan out disjoint batches; the
 * insert is ON CONFLICT DO NOTHING, so a batch repeated after a crash creates nothing twice.
 * Returns how many events were fanned out.
 *
 * Consumers only receive events fanned out while they are registered: a consumer added later does
 * not see older events (write a backfill job for that).
 */
export async function fanOutEvents(options: {
  db: Database;
  consumers: readonly Consumer[];
  clock: Clock;
  limit: number;
}): Promise<number> {
  const { db, consumers, clock, limit } = options;
  return db.transaction(async (tx) => {
    const events = await tx
      .select({ id: outboxEvents.id, type: outboxEvents.type })
      .from(outboxEvents)
      .where(isNull(outboxEvents.fannedOutAt))
      .orderBy(asc(outboxEvents.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (events.length === 0) return 0;

    const now = clock.now();
    const rows = events.flatMap((event) =>
      consumers
        .filter((c) => c.events.includes(event.type))
        .map((c) => ({ eventId: event.id, consumer: c.name, availableAt: now, updatedAt: now })),
    );
    if (rows.length > 0) await tx.insert(outboxDeliveries).values(rows).onConflictDoNothing();
    await tx
      .update(outboxEvents)
      .set({ fannedOutAt: now })
      .where(
        inArray(
          outboxEvents.id,
          events.map((e) => e.id),
        ),
      );
    return events.length;
  });
}

export type DeliveryOutcome =
  | { kind: "idle" }
  | { kind: "delivered"; eventId: number; consumer: string; attempts: number }
  | { kind: "retrying"; eventId: number; consumer: string; attempts: number; availableAt: Date; error: string }
  | { kind: "dead"; eventId: number; consumer: string; attempts: number; error: string };

/**
 * Step 2: claims one due delivery and runs its consumer, all in ONE transaction that holds the
 * delivery's row lock (FOR UPDATE SKIP LOCKED) from claim to commit. The consumer's writes and the
 * "delivered" mark therefore commit together — if the process dies at any point, neither happened
 * and the delivery is simply claimed again — and no other worker can claim the row meanwhile.
 *
 * The handler runs inside a savepoint: when it throws, its writes are rolled back while the lock is
 * kept, and the failure (attempts, last error, backoff, or `dead` after `maxAttempts`) is recorded in
 * the same transaction, so a racing worker never sees a half-recorded failure.
 *
 * Deliveries for consumer names this process does not know (a consumer removed from code, or a newer
 * version running elsewhere) are left alone.
 */
export async function deliverNext(options: {
  db: Database;
  consumers: ReadonlyMap<string, Consumer>;
  context: ConsumerContext;
  maxAttempts: number;
  logger: Logger;
}): Promise<DeliveryOutcome> {
  const { db, consumers, context, maxAttempts, logger } = options;
  if (consumers.size === 0) return { kind: "idle" };
  const now = context.clock.now();
  let claimed: { eventId: number; consumer: string; attempts: number } | undefined;
  const pushes = new AfterCommitPublisher(context.realtime);

  try {
    const outcome = await db.transaction(async (tx): Promise<DeliveryOutcome> => {
      // A delivery's effects and its "delivered" mark commit together, so if the database crashed before
      // this commit reached the disk both would be lost together and the delivery simply runs again:
      // exactly-once holds without waiting for the flush, which was most of a delivery's time.
      await tx.execute(sql`set local synchronous_commit = off`);
      const [delivery] = await tx
        .select()
        .from(outboxDeliveries)
        .where(
          and(
            eq(outboxDeliveries.status, "pending"),
            lte(outboxDeliveries.availableAt, now),
            inArray(outboxDeliveries.consumer, [...consumers.keys()]),
          ),
        )
        .orderBy(asc(outboxDeliveries.availableAt), asc(outboxDeliveries.eventId))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!delivery) return { kind: "idle" };
      claimed = delivery;

      const consumer = consumers.get(delivery.consumer)!;
      const key = and(eq(outboxDeliveries.eventId, delivery.eventId), eq(outboxDeliveries.consumer, delivery.consumer));
      const attempts = delivery.attempts + 1;
      const [event] = await tx.select().from(outboxEvents).where(eq(outboxEvents.id, delivery.eventId));
      const log = logger.child({ eventId: delivery.eventId, consumer: delivery.consumer, attempt: attempts });

      const run = pushes.forHandler();
      try {
        await tx.transaction((savepoint) => consumer.handle(savepoint, event!, { ...context, realtime: run.publisher, logger: log }));
        run.keep();
      } catch (e) {
        return recordFailure(tx, { delivery, error: e, now, maxAttempts, log });
      }

      await tx
        .update(outboxDeliveries)
        .set({ attempts, status: "delivered", deliveredAt: now, updatedAt: now })
        .where(key);
      return { kind: "delivered", eventId: delivery.eventId, consumer: delivery.consumer, attempts };
    });
    pushes.flush();
    return outcome;
  } catch (e) {
    // The transaction itself broke (connection lost, or a handler error that poisoned it beyond its
    // savepoint). Count the attempt in a fresh transaction so a poison event cannot loop forever;
    // the attempts guard makes this a no-op if another worker has touched the row since.
    if (!claimed) throw e;
    const attempts = claimed.attempts + 1;
    const error = describeError(e);
    const dead = attempts >= maxAttempts;
    const availableAt = new Date(now.getTime() + retryDelayMs(attempts));
    await db
      .update(outboxDeliveries)
      .set({
        attempts,
        lastError: error,
        status: dead ? "dead" : "pending",
        availableAt,
        updatedAt: now,
      })
      .where(
        and(
          eq(outboxDeliveries.eventId, claimed.eventId),
          eq(outboxDeliveries.consumer, claimed.consumer),
          eq(outboxDeliveries.status, "pending"),
          eq(outboxDeliveries.attempts, claimed.attempts),
        ),
      );
    logger.error({ err: e, eventId: claimed.eventId, consumer: claimed.consumer }, "delivery transaction failed");
    return dead
      ? { kind: "dead", eventId: claimed.eventId, consumer: claimed.consumer, attempts, error }
      : {
          kind: "retrying",
          eventId: claimed.eventId,
          consumer: claimed.consumer,
          attempts,
          availableAt,
          error,
        };
  }
}

/**
 * Step 2 for a batch: claims up to `limit` due deliveries and runs them all in ONE transaction, with the
 * same guarantees as deliverNext (effects and "delivered" marks commit together; the row locks keep
 * other workers off until then) and one commit, one claim and one mark for the whole batch instead of
 * one each per delivery.
 *
 * Each consumer's deliveries run in event order inside a savepoint: all at once through its
 * `handleBatch` when it has one, else one savepoint per event. When a batch handler throws, its
 * savepoint is rolled back and the events are delivered one by one, so a bad event fails (and retries,
 * and dies) alone while the others go through. If the transaction itself breaks, this throws and
 * nothing of the batch happened; the runner then delivers one at a time (deliverNext), which counts
 * the attempt of a delivery that keeps breaking its transaction.
 */
export async function deliverBatch(options: {
  db: Database;
  consumers: ReadonlyMap<string, Consumer>;
  context: ConsumerContext;
  maxAttempts: number;
  logger: Logger;
  limit: number;
}): Promise<DeliveryOutcome[]> {
  const { db, consumers, context, maxAttempts, logger, limit } = options;
  if (consumers.size === 0) return [];
  const now = context.clock.now();
  const pushes = new AfterCommitPublisher(context.realtime);
  const outcomes = await db.transaction(async (tx) => {
    // See deliverNext: effects and marks are lost together or kept together.
    await tx.execute(sql`set local synchronous_commit = off`);
    const claimed = await tx
      .select()
      .from(outboxDeliveries)
      .where(
        and(
          eq(outboxDeliveries.status, "pending"),
          lte(outboxDeliveries.availableAt, now),
          inArray(outboxDeliveries.consumer, [...consumers.keys()]),
        ),
      )
      .orderBy(asc(outboxDeliveries.availableAt), asc(outboxDeliveries.eventId))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (claimed.length === 0) return [];
    const events = new Map(
      (await tx.select().from(outboxEvents).where(inArray(outboxEvents.id, [...new Set(claimed.map((d) => d.eventId))]))).map((e) => [e.id, e]),
    );
    const byConsumer = new Map<string, OutboxDelivery[]>();
    for (const d of [...claimed].sort((a, b) => a.eventId - b.eventId)) {
      const list = byConsumer.get(d.consumer) ?? [];
      list.push(d);
      byConsumer.set(d.consumer, list);
    }

    const outcomes: DeliveryOutcome[] = [];
    const delivered: OutboxDelivery[] = [];
    for (const [name, deliveries] of byConsumer) {
      const consumer = consumers.get(name)!;
      if (consumer.handleBatch && deliveries.length > 1) {
        const log = logger.child({ consumer: name, events: deliveries.length });
        const run = pushes.forHandler();
        try {
          await tx.transaction((savepoint) =>
            consumer.handleBatch!(
              savepoint,
              deliveries.map((d) => events.get(d.eventId)!),
              { ...context, realtime: run.publisher, logger: log },
            ),
          );
          run.keep();
          delivered.push(...deliveries);
          continue;
        } catch (e) {
          log.warn({ err: e }, "batch handler failed; delivering its events one by one");
        }
      }
      for (const delivery of deliveries) {
        const log = logger.child({ eventId: delivery.eventId, consumer: name, attempt: delivery.attempts + 1 });
        const run = pushes.forHandler();
        try {
          await tx.transaction((savepoint) => consumer.handle(savepoint, events.get(delivery.eventId)!, { ...context, realtime: run.publisher, logger: log }));
          run.keep();
          delivered.push(delivery);
        } catch (e) {
          outcomes.push(await recordFailure(tx, { delivery, error: e, now, maxAttempts, log }));
        }
      }
    }

    if (delivered.length > 0) {
      await tx.execute(sql`
        update outbox_deliveries d
        set status = 'delivered', attempts = d.attempts + 1, delivered_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(delivered.map((d) => ({ event_id: d.eventId, consumer: d.consumer })))}::jsonb) as r(event_id bigint, consumer text)
        where d.event_id = r.event_id and d.consumer = r.consumer`);
    }
    for (const d of delivered) outcomes.push({ kind: "delivered", eventId: d.eventId, consumer: d.consumer, attempts: d.attempts + 1 });
    return outcomes;
  });
  pushes.flush();
  return outcomes;
}

type OutboxDelivery = typeof outboxDeliveries.$inferSelect;

/**
 * Records a failed attempt in the delivery's own transaction (its handler's savepoint already rolled
 * back): the error, and either a retry after backoff or, after `maxAttempts`, `dead`.
 */
async function recordFailure(
  tx: Transaction,
  options: { delivery: OutboxDelivery; error: unknown; now: Date; maxAttempts: number; log: Logger },
): Promise<DeliveryOutcome> {
  const { delivery, now, maxAttempts, log } = options;
  const attempts = delivery.attempts + 1;
  const error = describeError(options.error);
  const dead = attempts >= maxAttempts;
  const availableAt = dead ? delivery.availableAt : new Date(now.getTime() + retryDelayMs(attempts));
  await tx
    .update(outboxDeliveries)
    .set({ attempts, lastError: error, status: dead ? "dead" : "pending", availableAt, updatedAt: now })
    .where(and(eq(outboxDeliveries.eventId, delivery.eventId), eq(outboxDeliveries.consumer, delivery.consumer)));
  if (dead) {
    log.error({ err: options.error }, "delivery failed for the last time; it is now dead until staff retry it");
    return { kind: "dead", eventId: delivery.eventId, consumer: delivery.consumer, attempts, error };
  }
  log.warn({ err: options.error, retryAt: availableAt }, "delivery failed; will retry");
  return { kind: "retrying", eventId: delivery.eventId, consumer: delivery.consumer, attempts, availableAt, error };
}

function describeError(e: unknown): string {
  const text = e instanceof Error ? e.stack ?? `${e.name}: ${e.message}` : String(e);
  return text.length > MAX_ERROR_LENGTH ? text.slice(0, MAX_ERROR_LENGTH) + "…" : text;
}

/** Rows of `outbox_deliveries` per status, for dashboards and tests. */
export async function countDeliveries(db: Database): Promise<Record<"pending" | "delivered" | "dead", number>> {
  const rows = await db
    .select({ status: outboxDeliveries.status, n: sql<number>`count(*)::int` })
    .from(outboxDeliveries)
    .groupBy(outboxDeliveries.status);
  const counts = { pending: 0, delivered: 0, dead: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
