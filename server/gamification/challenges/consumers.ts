import type { Consumer } from "../../jobs/consumer";

/** Outbox consumers of the challenges area (registered in server/jobs/consumers.ts through ../consumers.ts). */
export const challengesConsumers: Consumer[] = [];
