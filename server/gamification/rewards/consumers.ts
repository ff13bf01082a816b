import type { Consumer } from "../../jobs/consumer";

/** Outbox consumers of the rewards area (registered in server/jobs/consumers.ts through ../consumers.ts). */
export const rewardsConsumers: Consumer[] = [];
