import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { orderViewSchema } from "../orders/schemas";
import { MANAGE_PRODUCTS } from "../products/save-product";
import { createExternalStore, listExternalStores } from "./create-store";
import { ingestExternalOrder } from "./ingest-external-order";
import { createStoreSchema, externalOrderSchema, storeViewSchema } from "./schemas";

const tags = ["external stores"];

/** Express keeps the exact bytes of each JSON body here (server/http/api/router.ts) for signature checks. */
type WithRawBody = { rawBody?: Buffer };

/**
 * The webhook's body as documented, but not validated by the router: the signature is checked first
 * (401 for a forged body, whatever it contains), then the domain function parses the body with
 * externalOrderSchema (422 with field messages).
 */
const { $schema: _draft, ...externalOrderJsonSchema } = z.toJSONSchema(externalOrderSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
const signedExternalOrderBody = z.custom<unknown>(() => true).meta(externalOrderJsonSchema);

export const externalOperations: ApiOperation[] = [
  defineOperation({
    operationId: "ingestExternalOrder",
    method: "post",
    path: "/stores/:slug/orders",
    summary: "Webhook: an external store reports one of its orders",
    description:
      "Sign the raw body with the store's secret: header `X-Seedbed-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes>`; a " +
      "missing or wrong signature (or an unknown store) is 401 and nothing is written. Send the order's whole current state each " +
      "time it changes (`paid`, `partially_refunded`, `refunded`; `refundedCents` is the refunded total so far). Deliveries are " +
      "idempotent on (store, `externalOrderId`) and may arrive repeated or out of order: the order is paid once and refunded up to " +
      "the highest total reported. `changed` is false when a delivery told nothing new.",
    tags,
    auth: "public",
    params: z.object({ slug: z.string().max(40) }),
    body: signedExternalOrderBody,
    response: z.object({ order: orderViewSchema, changed: z.boolean() }),
    errorStatuses: [401, 409],
    handler: ({ ctx, params, req }) =>
      ingestExternalOrder(ctx, { storeSlug: params.slug, rawBody: (req as unknown as WithRawBody).rawBody, signature: req.get("x-seedbed-signature") }),
  }),
  defineOperation({
    operationId: "createExternalStore",
    method: "post",
    path: "/stores",
    summary: "Connect an external store (staff); its signing secret is returned this once",
    tags,
    auth: MANAGE_PRODUCTS,
    body: createStoreSchema,
    response: z.object({ store: storeViewSchema, secret: z.string() }),
    successStatus: 201,
    handler: ({ ctx, user, body }) => createExternalStore(ctx, user, body),
  }),
  defineOperation({
    operationId: "listExternalStores",
    method: "get",
    path: "/stores",
    summary: "Connected external stores (staff)",
    tags,
    auth: MANAGE_PRODUCTS,
    response: z.object({ stores: z.array(storeViewSchema) }),
    handler: async ({ ctx, user }) => ({ stores: await listExternalStores(ctx, user) }),
  }),
];
