import type { Consumer } from "../jobs/consumer";
import { commissionsConsumers } from "./commissions/consumers";
import { fraudConsumers } from "./fraud/consumers";
import { payoutsConsumers } from "./payouts/consumers";
import { rightsConsumers } from "./rights/consumers";

/** Every outbox consumer of distribution, one line per area (registered in server/jobs/consumers.ts). */
export const distributionConsumers: readonly Consumer[] = [...commissionsConsumers, ...payoutsConsumers, ...rightsConsumers, ...fraudConsumers];
