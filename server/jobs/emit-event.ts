import { outboxEvents } from "../../db/schema";
import type { Queryable } from "../../db/client";

export interface DomainEvent<T extends string = string, P extends Record<string, unknown> = Record<string, unknown>> {
  /** `context.noun.verbed`, e.g. `identity.user.signedUp`. */
  type: T;
  payload: P;
  occurredAt: Date;
}

/**
 * Records a domain event in the outbox. Call it with the transaction that makes the change, so the
 * event exists exactly when the change does; the processor delivers it to consumers afterwards.
 */
export async function emitEvent(tx: Queryable, event: DomainEvent): Promise<number> {
  const [row] = await tx
    .insert(outboxEvents)
    .values({ type: event.type, payload: event.payload, occurredAt: event.occurredAt })
    .returning({ id: outboxEvents.id });
  return row!.id;
}
