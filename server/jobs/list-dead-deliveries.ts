import { and, desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { outboxDeliveries, outboxEvents } from "../../db/schema";
import { AppError } from "../shared/errors";
import { deadCursor, listDeadDeliveriesInput, parseInput, type DeadCursor, type ListDeadDeliveriesInput } from "./schemas";

export interface DeadDelivery {
  eventId: number;
  eventType: string;
  consumer: string;
  attempts: number;
  lastError: string | null;
  /** When the event happened. */
  occurredAt: Date;
  /** When the last attempt failed (the delivery died). */
  diedAt: Date;
  payload: Record<string, unknown>;
}

export interface DeadDeliveryPage {
  items: DeadDelivery[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Deliveries that exhausted their attempts, newest first, for the staff page and the API.
 * Keyset-paginated, so paging stays fast however many there are.
 */
export async function listDeadDeliveries(db: Queryable, options: ListDeadDeliveriesInput = {}): Promise<DeadDeliveryPage> {
  const { limit, cursor } = parseInput(listDeadDeliveriesInput, options);
  const after = cursor === undefined ? undefined : decodeCursor(cursor);

  const rows = await db
    .select({
      eventId: outboxDeliveries.eventId,
      eventType: outboxEvents.type,
      consumer: outboxDeliveries.consumer,
      attempts: outboxDeliveries.attempts,
      lastError: outboxDeliveries.lastError,
      occurredAt: outboxEvents.occurredAt,
      diedAt: outboxDeliveries.updatedAt,
      payload: outboxEvents.payload,
    })
    .from(outboxDeliveries)
    .innerJoin(outboxEvents, eq(outboxEvents.id, outboxDeliveries.eventId))
    .where(
      and(
        eq(outboxDeliveries.status, "dead"),
        after
          ? sql`(${outboxDeliveries.updatedAt}, ${outboxDeliveries.eventId}, ${outboxDeliveries.consumer}) < (${after.updatedAt}::timestamptz, ${after.eventId}, ${after.consumer})`
          : undefined,
      ),
    )
    .orderBy(desc(outboxDeliveries.updatedAt), desc(outboxDeliveries.eventId), desc(outboxDeliveries.consumer))
    .limit(limit + 1);

  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ updatedAt: last.diedAt.toISOString(), eventId: last.eventId, consumer: last.consumer })
        : null,
  };
}

function encodeCursor(c: DeadCursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(text: string): DeadCursor {
  try {
    return deadCursor.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw new AppError("VALIDATION_FAILED", "Invalid page request.", { fields: { cursor: ["is not a valid cursor"] } });
  }
}
