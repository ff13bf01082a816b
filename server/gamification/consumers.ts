import type { Consumer } from "../jobs/consumer";
import { badgesConsumers } from "./badges/consumers";
import { challengesConsumers } from "./challenges/consumers";
import { checkinConsumers } from "./checkin/consumers";
import { pointsConsumers } from "./points/consumers";
import { rewardsConsumers } from "./rewards/consumers";

export const gamificationConsumers: readonly Consumer[] = [
  ...pointsConsumers,
  ...checkinConsumers,
  ...challengesConsumers,
  ...badgesConsumers,
  ...rewardsConsumers,
];
