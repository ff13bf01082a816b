import type { Consumer } from "../../jobs/consumer";

/** Outbox consumers of the checkin area (registered in server/jobs/consumers.ts through ../consumers.ts). */
export const checkinConsumers: Consumer[] = [];
