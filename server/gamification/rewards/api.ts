import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { leaderboardOperations } from "../leaderboards/api";
import { listMyRedemptions, listRedemptionQueue } from "./list-redemptions";
import { getReward, listRewards } from "./list-rewards";
import { redeemReward } from "./redeem-reward";
import { createReward, updateReward } from "./save-reward";
import {
  createRewardSchema,
  idSchema,
  listRedemptionsQuerySchema,
  redeemRewardSchema,
  redemptionViewSchema,
  rewardViewSchema,
  updateRedemptionSchema,
  updateRewardSchema,
} from "./schemas";
import { updateRedemption } from "./update-redemption";

const tags = ["rewards"];
const rewardParams = z.object({ rewardId: idSchema });
const rewardResponse = z.object({ reward: rewardViewSchema });
const redemptionResponse = z.object({ redemption: redemptionViewSchema });

/** The rewards shop (兑换专区) over /api/v1: the same domain functions the web pages call. */
const rewardOperations = [
  defineOperation({
    operationId: "listRewards",
    method: "get",
    path: "/rewards",
    summary: "Items in the shop, cheapest first, with what the caller can redeem",
    description:
      "Active items whose window has not ended (items not open yet are listed with their `startsAt`). Signed in, each item's " +
      "`viewer` says whether the caller can redeem it and, if not, the first reason (`blocker`: points, level, limit, soldOut …) " +
      "and `pointsShort`. `all=true` lists inactive and ended items too (staff only).",
    tags,
    auth: "public",
    query: z.strictObject({ all: z.enum(["true", "false"], { error: "validation.invalid" }).optional() }),
    response: z.object({ rewards: z.array(rewardViewSchema) }),
    handler: async ({ ctx, user, query }) => ({ rewards: await listRewards(ctx, user, { all: query.all === "true" }) }),
  }),
  defineOperation({
    operationId: "getReward",
    method: "get",
    path: "/rewards/:rewardId",
    summary: "One item of the shop",
    tags,
    auth: "public",
    params: rewardParams,
    response: rewardResponse,
    handler: async ({ ctx, user, params }) => ({ reward: await getReward(ctx, user, params.rewardId) }),
  }),
  defineOperation({
    operationId: "redeemReward",
    method: "post",
    path: "/rewards/:rewardId/redemptions",
    summary: "Redeem an item with points",
    description:
      "Atomic: stock, the per-member limit, level, window and points are checked and taken in one transaction. Physical items " +
      "need `shipping` (name, 11-digit mobile, address). Send an `Idempotency-Key` header (or `requestKey`) so a retried request " +
      "redeems once: a repeat answers with the first redemption and `replayed: true`. 409 when sold out, over the limit, short of " +
      "points or level, or outside the window.",
    tags,
    auth: "redeem:reward:own",
    params: rewardParams,
    body: redeemRewardSchema,
    response: redemptionResponse.extend({ replayed: z.boolean() }),
    successStatus: 201,
    errorStatuses: [409],
    handler: ({ ctx, user, params, body, req }) => redeemReward(ctx, user, params.rewardId, body, { idempotencyKey: req.get("idempotency-key") ?? null }),
  }),
  defineOperation({
    operationId: "listMyRedemptions",
    method: "get",
    path: "/me/redemptions",
    summary: "The caller's redemptions, newest first",
    tags,
    auth: "redeem:reward:own",
    query: listRedemptionsQuerySchema,
    response: z.object({ redemptions: z.array(redemptionViewSchema) }),
    handler: async ({ ctx, user, query }) => ({ redemptions: await listMyRedemptions(ctx, user, query) }),
  }),
  defineOperation({
    operationId: "createReward",
    method: "post",
    path: "/rewards",
    summary: "Add an item to the shop",
    tags,
    auth: "manage:rewards:any",
    body: createRewardSchema,
    response: rewardResponse,
    successStatus: 201,
    handler: async ({ ctx, user, body }) => ({ reward: await createReward(ctx, user, body) }),
  }),
  defineOperation({
    operationId: "updateReward",
    method: "patch",
    path: "/rewards/:rewardId",
    summary: "Change an item; restock or write off with `stockDelta`",
    tags,
    auth: "manage:rewards:any",
    params: rewardParams,
    body: updateRewardSchema,
    response: rewardResponse,
    handler: async ({ ctx, user, params, body }) => ({ reward: await updateReward(ctx, user, params.rewardId, body) }),
  }),
  defineOperation({
    operationId: "listRedemptions",
    method: "get",
    path: "/redemptions",
    summary: "The fulfilment queue: pending redemptions oldest first (or another status, newest first)",
    tags,
    auth: "manage:rewards:any",
    query: listRedemptionsQuerySchema,
    response: z.object({ redemptions: z.array(redemptionViewSchema) }),
    handler: async ({ ctx, user, query }) => ({ redemptions: await listRedemptionQueue(ctx, user, query) }),
  }),
  defineOperation({
    operationId: "updateRedemption",
    method: "post",
    path: "/redemptions/:redemptionId/transitions",
    summary: "Ship, fulfil or cancel a pending redemption",
    description:
      "`ship` (physical; `note` is the tracking), `fulfil` (virtual) or `cancel` (`note` is the reason; the points come back by a " +
      "reversal entry and the stock is restored). Each happens once: a second attempt is 409.",
    tags,
    auth: "manage:rewards:any",
    params: z.object({ redemptionId: idSchema }),
    body: updateRedemptionSchema,
    response: redemptionResponse,
    errorStatuses: [409],
    handler: async ({ ctx, user, params, body }) => ({ redemption: await updateRedemption(ctx, user, params.redemptionId, body) }),
  }),
];

/** The /api/v1 operations of the rewards area (listed in server/http/api/operations.ts through ../api.ts). */
export const rewardsOperations: ApiOperation[] = [...rewardOperations, ...leaderboardOperations];
