import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { getEarningsSummary } from "./get-earnings-summary";
import { listCommissions } from "./list-commissions";
import { commissionPageSchema, earningsSummarySchema, listCommissionsQuerySchema } from "./schemas";

const tags = ["earnings"];

/** A creator's earnings (收益) over /api/v1: always the caller's own, so no creator id is ever taken. */
export const earningsOperations: ApiOperation[] = [
  defineOperation({
    operationId: "getEarningsSummary",
    method: "get",
    path: "/me/earnings",
    summary: "The caller's earnings: balance, pending, confirmed, paid, lifetime, breakdowns and a 30-day series",
    description:
      "Balances come from the ledger (cny accounts `earnings`, `pending`, `payout_requested`, `payout_approved`), never from a mutable " +
      "total. `balanceCents` may be negative after a refund of commission already paid out; `withdrawableCents` is what `requestPayout` may take.",
    tags,
    auth: "user",
    // No parameters at all: a creatorId (or anything else) is refused rather than quietly ignored.
    query: z.strictObject({}),
    response: earningsSummarySchema,
    handler: ({ ctx, user }) => getEarningsSummary(ctx, user),
  }),
  defineOperation({
    operationId: "listCommissions",
    method: "get",
    path: "/me/commissions",
    summary: "The caller's commissions, newest first, each with its timeline",
    description:
      "Commission = ⌊line total × product rate × tier multiplier⌋ in cents. Pending until the order confirms (the holding period), then " +
      "confirmed, then paid by a payout; a refund reverses it in proportion (in whole on a full refund). Timeline reasons: created, " +
      "confirmed, reversed_full, reversed_partial, paid_out, clawed_back (with `reasonText` in the caller's language).",
    tags,
    auth: "user",
    query: listCommissionsQuerySchema,
    response: commissionPageSchema,
    handler: ({ ctx, user, query, locale }) => listCommissions(ctx, user, query, locale),
  }),
];
