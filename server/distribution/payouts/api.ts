import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { decidePayout } from "./decide-payout";
import { getPayout, listMyPayouts, listPayoutQueue } from "./list-payouts";
import { requestPayout } from "./request-payout";
import { decidePayoutSchema, idSchema, listPayoutsQuerySchema, payoutViewSchema, requestPayoutSchema } from "./schemas";

const tags = ["payouts"];
const payoutParams = z.object({ payoutId: idSchema });
const payoutResponse = z.object({ payout: payoutViewSchema });

/** Payouts (提现) over /api/v1: creators request and follow their own; staff review the queue. */
export const payoutsOperations: ApiOperation[] = [
  defineOperation({
    operationId: "requestPayout",
    method: "post",
    path: "/me/payouts",
    summary: "Withdraw part of the caller's confirmed earnings",
    description:
      "At least the staff-set minimum (¥50 = 5000 cents by default), at most `withdrawableCents`. Send an `Idempotency-Key` header (or " +
      "`requestKey`) so a retried request creates one payout: a repeat answers with the first and `replayed: true`. Concurrent requests " +
      "queue on the balance and never overdraw it (409). A flagged creator's payout is held for staff review (`heldForReview`).",
    tags,
    auth: "user",
    body: requestPayoutSchema,
    response: payoutResponse.extend({ replayed: z.boolean() }),
    successStatus: 201,
    errorStatuses: [409],
    handler: ({ ctx, user, body, req }) => requestPayout(ctx, user, body, { idempotencyKey: req.get("idempotency-key") ?? null }),
  }),
  defineOperation({
    operationId: "listMyPayouts",
    method: "get",
    path: "/me/payouts",
    summary: "The caller's payouts, newest first",
    tags,
    auth: "user",
    query: listPayoutsQuerySchema,
    response: z.object({ payouts: z.array(payoutViewSchema) }),
    handler: async ({ ctx, user, query }) => ({ payouts: await listMyPayouts(ctx, user, query) }),
  }),
  defineOperation({
    operationId: "getPayout",
    method: "get",
    path: "/payouts/:payoutId",
    summary: "One payout, for its owner or staff (404 for anyone else)",
    tags,
    auth: "user",
    params: payoutParams,
    response: payoutResponse,
    handler: async ({ ctx, user, params }) => ({ payout: await getPayout(ctx, user, params.payoutId) }),
  }),
  defineOperation({
    operationId: "listPayoutQueue",
    method: "get",
    path: "/payouts",
    summary: "The review queue: requested payouts oldest first (or another status, newest first)",
    tags,
    auth: "manage:payouts:any",
    query: listPayoutsQuerySchema,
    response: z.object({ payouts: z.array(payoutViewSchema) }),
    handler: async ({ ctx, user, query }) => ({ payouts: await listPayoutQueue(ctx, user, query) }),
  }),
  defineOperation({
    operationId: "decidePayout",
    method: "post",
    path: "/payouts/:payoutId/decision",
    summary: "Approve, reject (with a reason) or mark a payout paid",
    description: "Each step once: a payout that has already moved on answers 409. Approving a held payout needs a `reason` note.",
    tags,
    auth: "manage:payouts:any",
    params: payoutParams,
    body: decidePayoutSchema,
    response: payoutResponse,
    errorStatuses: [409],
    handler: async ({ ctx, user, params, body }) => ({ payout: await decidePayout(ctx, user, params.payoutId, body) }),
  }),
];
