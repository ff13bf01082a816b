import type { Consumer } from "../../jobs/consumer";

/** Outbox consumers of the points area (registered in server/jobs/consumers.ts through ../consumers.ts). */
export const pointsConsumers: Consumer[] = [];
