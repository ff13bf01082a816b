import type { Consumer } from "../../jobs/consumer";

/** Outbox consumers of the badges area (registered in server/jobs/consumers.ts through ../consumers.ts). */
export const badgesConsumers: Consumer[] = [];
