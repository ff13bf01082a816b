import type { Consumer } from "../jobs/consumer";
import { tiersConsumers } from "./tiers/consumers";
import { mcnConsumers } from "./mcn/consumers";
import { fanGroupsConsumers } from "./fan-groups/consumers";
import { campaignsConsumers } from "./campaigns/consumers";
import { applicationsConsumers } from "./applications/consumers";
import { recruitmentConsumers } from "./recruitment/consumers";

/** Every outbox consumer of the creators context, one line per area (registered in server/jobs/consumers.ts). */
export const creatorsConsumers: readonly Consumer[] = [
  ...applicationsConsumers,
  ...recruitmentConsumers,
  ...tiersConsumers,
  ...mcnConsumers,
  ...fanGroupsConsumers,
  ...campaignsConsumers,
];
