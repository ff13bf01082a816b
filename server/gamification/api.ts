import type { ApiOperation } from "../http/api/define-operation";
import { badgesOperations } from "./badges/api";
import { challengesOperations } from "./challenges/api";
import { checkinOperations } from "./checkin/api";
import { pointsOperations } from "./points/api";
import { rewardsOperations } from "./rewards/api";

export const gamificationOperations: readonly ApiOperation[] = [
  ...pointsOperations,
  ...checkinOperations,
  ...challengesOperations,
  ...badgesOperations,
  ...rewardsOperations,
];
