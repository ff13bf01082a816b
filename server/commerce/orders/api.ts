import { z } from "zod";
import { readVisitorId } from "../../distribution/attribution/visitor-cookie";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { MANAGE_PRODUCTS } from "../products/save-product";
import { idSchema } from "../products/schemas";
import { createOrder } from "./create-order";
import { getOrder, listAllOrders, listMyOrders } from "./list-orders";
import { payOrder } from "./pay-order";
import { refundOrder } from "./refund-order";
import { createOrderSchema, listOrdersQuerySchema, orderViewSchema, refundOrderSchema } from "./schemas";

const tags = ["orders"];
const orderParams = z.object({ orderId: idSchema });
const orderResponse = z.object({ order: orderViewSchema });
const orderPage = z.object({ orders: z.array(orderViewSchema), nextCursor: z.string().nullable() });

/** The built-in shop's orders over /api/v1: the same domain functions the shop pages call. */
export const ordersOperations: ApiOperation[] = [
  defineOperation({
    operationId: "createOrder",
    method: "post",
    path: "/orders",
    summary: "Place an order for one product and a quantity (or a membership plan)",
    description:
      "The order is `pending` and holds its units for 30 minutes; pay it with `payOrder`. Stock is taken in one conditional update, " +
      "so it never goes negative: when fewer units are left than asked for, 409. Attribution (the last click within the window, " +
      "never the buyer's own link) is decided now, from the signed visitor cookie and the visitor ids bound to the account.",
    tags,
    auth: "create:order:own",
    body: createOrderSchema,
    response: orderResponse,
    successStatus: 201,
    errorStatuses: [409],
    handler: async ({ ctx, user, body, req }) => ({ order: await createOrder(ctx, user, body, { visitorId: readVisitorId(req, ctx) }) }),
  }),
  defineOperation({
    operationId: "payOrder",
    method: "post",
    path: "/orders/:orderId/payment",
    summary: "Pay a pending order through the payment provider (the sandbox in this build)",
    description:
      "Idempotent: paying a paid order returns it unchanged. 409 when the provider declines (the sandbox declines amounts ending in " +
      "13 cents), or the order was cancelled or expired. Another member's order is 404.",
    tags,
    auth: "create:order:own",
    params: orderParams,
    response: orderResponse,
    errorStatuses: [409],
    handler: async ({ ctx, user, params }) => ({ order: await payOrder(ctx, user, params.orderId) }),
  }),
  defineOperation({
    operationId: "getOrder",
    method: "get",
    path: "/orders/:orderId",
    summary: "One order (its buyer or staff; anyone else gets 404)",
    tags,
    auth: "user",
    params: orderParams,
    response: orderResponse,
    handler: async ({ ctx, user, params }) => ({ order: await getOrder(ctx, user, params.orderId) }),
  }),
  defineOperation({
    operationId: "listMyOrders",
    method: "get",
    path: "/me/orders",
    summary: "The caller's orders, newest first",
    tags,
    auth: "create:order:own",
    query: listOrdersQuerySchema,
    response: orderPage,
    handler: ({ ctx, user, query }) => listMyOrders(ctx, user, query),
  }),
  defineOperation({
    operationId: "listOrders",
    method: "get",
    path: "/orders",
    summary: "Every order, shop and external, newest first (staff)",
    tags,
    auth: MANAGE_PRODUCTS,
    query: listOrdersQuerySchema,
    response: orderPage,
    handler: ({ ctx, user, query }) => listAllOrders(ctx, user, query),
  }),
  defineOperation({
    operationId: "refundOrder",
    method: "post",
    path: "/orders/:orderId/refunds",
    summary: "Refund a paid order in full or in part (staff)",
    description:
      "Without `amountCents`, everything not yet refunded. The amount is spread over the lines in proportion to what each has left, " +
      "integer cents by largest remainder. Send an `Idempotency-Key` header (or `requestKey`) so a retry refunds once. More than is " +
      "left is 422 on `amountCents`; an order that is not paid (or fully refunded) is 409.",
    tags,
    auth: MANAGE_PRODUCTS,
    params: orderParams,
    body: refundOrderSchema,
    response: orderResponse.extend({ replayed: z.boolean() }),
    successStatus: 201,
    errorStatuses: [409],
    handler: ({ ctx, user, params, body, req }) => refundOrder(ctx, user, params.orderId, body, { idempotencyKey: req.get("idempotency-key") ?? null }),
  }),
];
