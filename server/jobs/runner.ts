import type { Database } from "../../db/client";
import type { Clock } from "../shared/clock";
import type { Logger } from "../shared/logger";

/** Placeholder until the outbox processor lands. */
export function createJobRunner(_options: { db: Database; logger: Logger; clock: Clock }) {
  return { start() {}, async stop() {}, async drain() {} };
}
