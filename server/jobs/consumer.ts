import type { Transaction } from "../../db/client";
import type { OutboxEvent } from "../../db/schema";
import type { Config } from "../config";
import type { RealtimePublisher } from "../context";
import type { Clock } from "../shared/clock";
import type { Logger } from "../shared/logger";

export type { OutboxEvent };

/** What a consumer's handler gets besides its transaction. */
export interface ConsumerContext {
  clock: Clock;
  logger: Logger;
  /**
   * Pushes to connected clients. They are held until the delivery's transaction commits (so a page
   * that re-reads on a push sees the change) and dropped if the handler fails; a push can be lost if
   * the process dies right after the commit, so pages treat pushes as hints and re-read persisted state.
   */
  realtime: RealtimePublisher;
  config: Config;
}

/**
 * A consumer reacts to domain events. Its handler runs inside the delivery's transaction: every row
 * it writes through `tx` commits together with the "delivered" mark, so those effects happen exactly
 * once. Anything outside the database (realtime pushes, search engines, e-mail) is at-least-once and
 * must tolerate repeats.
 */
export interface Consumer {
  /**
   * Stable identity of the consumer, part of each delivery's primary key. Renaming a consumer makes
   * it a new one (it will not see events fanned out before it existed), so pick `context.purpose`
   * names and keep them, e.g. `gamification.pointsForEvents`.
   */
  name: string;
  /** Event types (`context.noun.verbed`) this consumer subscribes to. */
  events: readonly string[];
  handle: (tx: Transaction, event: OutboxEvent, ctx: ConsumerContext) => Promise<void>;
  /**
   * Optional: handles several events (in event order) at once, with the same effects as `handle` called
   * for each in turn. A runner that claims a batch of deliveries uses it; if it throws, the runner falls
   * back to `handle` per event, so one bad event fails alone.
   */
  handleBatch?: (tx: Transaction, events: readonly OutboxEvent[], ctx: ConsumerContext) => Promise<void>;
}

const NAME = /^[a-z][A-Za-z0-9_-]*(\.[a-z][A-Za-z0-9_-]*)*$/;

/** Declares a consumer; checks its shape once at start-up rather than at the first event. */
export function defineConsumer(consumer: Consumer): Consumer {
  if (!NAME.test(consumer.name)) {
    throw new Error(`Consumer name "${consumer.name}" must look like "context.purpose" (letters, digits, dots).`);
  }
  if (consumer.events.length === 0) throw new Error(`Consumer "${consumer.name}" subscribes to no events.`);
  return consumer;
}
