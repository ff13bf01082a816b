import { z } from "zod";
import { defineOperation } from "../http/api/define-operation";
import { listDeadDeliveries } from "./list-dead-deliveries";
import { retryAllDead } from "./retry-all-dead";
import { retryDeadDelivery } from "./retry-dead-delivery";
import { deliveryKey, listDeadDeliveriesInput } from "./schemas";

const tags = ["jobs"];

const deadDeliverySchema = z.object({
  eventId: z.number().int(),
  eventType: z.string(),
  consumer: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  occurredAt: z.iso.datetime(),
  diedAt: z.iso.datetime(),
  payload: z.record(z.string(), z.unknown()),
});

const retriedSchema = z.object({ eventId: z.number().int(), consumer: z.string() });

/** Staff operations on the outbox's dead letters: the same functions the /ops/outbox page calls. */
export const jobsOperations = [
  defineOperation({
    operationId: "listDeadDeliveries",
    method: "get",
    path: "/ops/outbox/dead",
    summary: "List outbox deliveries that exhausted their retries, newest first",
    tags,
    auth: "manage:jobs:any",
    query: listDeadDeliveriesInput,
    response: z.object({ items: z.array(deadDeliverySchema), nextCursor: z.string().nullable() }),
    handler: async ({ ctx, query }) => {
      const page = await listDeadDeliveries(ctx.db, query);
      return {
        items: page.items.map((d) => ({ ...d, occurredAt: d.occurredAt.toISOString(), diedAt: d.diedAt.toISOString() })),
        nextCursor: page.nextCursor,
      };
    },
  }),
  defineOperation({
    operationId: "retryDeadDelivery",
    method: "post",
    path: "/ops/outbox/dead/:eventId/:consumer/retry",
    summary: "Queue one dead delivery again, due now with its attempts reset",
    tags,
    auth: "manage:jobs:any",
    params: deliveryKey,
    response: retriedSchema,
    errorStatuses: [409],
    handler: async ({ ctx, params, user }) => {
      const retried = await retryDeadDelivery(ctx.db, { ...params, now: ctx.clock.now() });
      ctx.logger.info({ staffId: user.id, ...retried }, "dead delivery retried");
      return { eventId: retried.eventId, consumer: retried.consumer };
    },
  }),
  defineOperation({
    operationId: "retryAllDeadDeliveries",
    method: "post",
    path: "/ops/outbox/dead/retry",
    summary: "Queue every dead delivery (optionally one consumer's) again",
    tags,
    auth: "manage:jobs:any",
    body: z.object({ consumer: z.string().trim().min(1).max(200).optional() }),
    response: z.object({ count: z.number().int() }),
    handler: async ({ ctx, body, user }) => {
      const { count } = await retryAllDead(ctx.db, { now: ctx.clock.now(), consumer: body.consumer });
      ctx.logger.info({ staffId: user.id, count, consumer: body.consumer }, "dead deliveries retried");
      return { count };
    },
  }),
];
