import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { outboxDeliveries } from "../../db/schema";
import { AppError } from "../shared/errors";
import { deliveryKey, parseInput, type DeliveryKey } from "./schemas";

export interface RetriedDelivery {
  eventId: number;
  consumer: string;
  /** The state before the retry, for the caller's audit record. */
  previousAttempts: number;
  lastError: string | null;
}

/**
 * Puts a dead delivery back in the queue: pending, due now, attempts reset to 0. The last error is
 * kept until the next attempt overwrites it, and the previous state is returned so the caller can
 * write an audit entry.
 *
 * @throws AppError NOT_FOUND when no such delivery exists; CONFLICT when it is not dead (it is
 *   pending or already delivered — retrying it would deliver twice).
 */
export async function retryDeadDelivery(
  db: Queryable,
  options: DeliveryKey & { now: Date },
): Promise<RetriedDelivery> {
  const { eventId, consumer } = parseInput(deliveryKey, options);
  const key = and(eq(outboxDeliveries.eventId, eventId), eq(outboxDeliveries.consumer, consumer));

  // Locking the row makes this atomic: two staff clicking Retry at once reset it once.
  const retried = await db.transaction(async (tx) => {
    const [dead] = await tx
      .select({ attempts: outboxDeliveries.attempts, lastError: outboxDeliveries.lastError })
      .from(outboxDeliveries)
      .where(and(key, eq(outboxDeliveries.status, "dead")))
      .for("update");
    if (!dead) return undefined;
    await tx
      .update(outboxDeliveries)
      .set({ status: "pending", attempts: 0, availableAt: options.now, updatedAt: options.now })
      .where(key);
    return { eventId, consumer, previousAttempts: dead.attempts, lastError: dead.lastError };
  });
  if (retried) return retried;

  const [existing] = await db.select({ status: outboxDeliveries.status }).from(outboxDeliveries).where(key);
  if (!existing) throw new AppError("NOT_FOUND", `No delivery of event ${eventId} to ${consumer}.`);
  throw new AppError("CONFLICT", `The delivery of event ${eventId} to ${consumer} is ${existing.status}, not dead.`);
}
