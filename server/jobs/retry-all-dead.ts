import { and, eq, type SQL } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { outboxDeliveries } from "../../db/schema";

/**
 * Puts every dead delivery (optionally only one consumer's) back in the queue, due now with attempts
 * reset — typically after the bug that killed them is fixed and deployed. Returns the keys retried,
 * so the caller can audit them.
 */
export async function retryAllDead(
  db: Queryable,
  options: { now: Date; consumer?: string },
): Promise<{ count: number; retried: { eventId: number; consumer: string }[] }> {
  const conditions: SQL[] = [eq(outboxDeliveries.status, "dead")];
  if (options.consumer !== undefined) conditions.push(eq(outboxDeliveries.consumer, options.consumer));
  const retried = await db
    .update(outboxDeliveries)
    .set({ status: "pending", attempts: 0, availableAt: options.now, updatedAt: options.now })
    .where(and(...conditions))
    .returning({ eventId: outboxDeliveries.eventId, consumer: outboxDeliveries.consumer });
  return { count: retried.length, retried };
}
