import type { Consumer } from "../jobs/consumer";
import { membershipConsumers } from "./membership/consumers";

/** Outbox consumers of commerce (registered in server/jobs/consumers.ts). Orders consume nothing: they emit. */
export const commerceConsumers: readonly Consumer[] = [...membershipConsumers];
