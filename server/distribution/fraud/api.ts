import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { REVIEW_FLAGS, listFraudFlags } from "./list-fraud-flags";
import { resolveFraudFlag } from "./resolve-fraud-flag";
import { fraudFlagViewSchema, listFraudFlagsQuerySchema, resolveFraudFlagSchema } from "./schemas";

const tags = ["distribution"];

/** Fraud flags over /api/v1 (staff). */
export const fraudOperations: ApiOperation[] = [
  defineOperation({
    operationId: "listFraudFlags",
    method: "get",
    path: "/fraud-flags",
    summary: "Fraud flags: open ones oldest first, or resolved ones newest first",
    description: "Kinds: `self_purchase` (bought after clicking their own link), `click_flood` (≥ 50 clicks an hour from one address), `refund_rate` (≥ 25 % of 30 days' attributed orders refunded). A creator with an open flag has payouts held for review.",
    tags,
    auth: REVIEW_FLAGS,
    query: listFraudFlagsQuerySchema,
    response: z.object({ flags: z.array(fraudFlagViewSchema) }),
    handler: async ({ ctx, user, query }) => ({ flags: await listFraudFlags(ctx, user, query) }),
  }),
  defineOperation({
    operationId: "resolveFraudFlag",
    method: "post",
    path: "/fraud-flags/:flagId/resolve",
    summary: "Resolve an open flag with a note (audited)",
    tags,
    auth: REVIEW_FLAGS,
    params: z.object({ flagId: z.uuid("validation.uuid") }),
    body: resolveFraudFlagSchema,
    response: z.object({ flag: fraudFlagViewSchema }),
    errorStatuses: [409],
    handler: async ({ ctx, user, params, body }) => ({ flag: await resolveFraudFlag(ctx, user, params.flagId, body) }),
  }),
];
