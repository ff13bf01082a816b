import { z } from "zod";
import { defineOperation, type ApiOperation } from "../http/api/define-operation";
import { listAuditLog, auditQuerySchema } from "./audit-log/list-audit-log";
import { curatePost, curatePostSchema, curationViewSchema, liftCuration, listCurations } from "./curation";
import { getPlatformMetrics, metricsRangeSchema, platformMetricsSchema } from "./metrics";

const tags = ["ops"];
const postParams = z.object({ postId: z.string() });

/** The ops console over /api/v1: the KPI dashboard's numbers, note curation and the audit log. */
export const opsConsoleOperations: ApiOperation[] = [
  defineOperation({
    operationId: "getPlatformMetrics",
    method: "get",
    path: "/ops/metrics",
    summary: "KPI numbers for a range of days: DAU/MAU, members, notes, check-ins, link GMV, conversion, top creators, cohorts",
    description:
      "`from`/`to` are platform-local dates (YYYY-MM-DD, both included, at most 366 days apart; default the last 30 days). Read from the " +
      "daily metrics the hourly schedule computes, so today's numbers may be up to an hour old (`computedAt`). An active member (DAU/MAU) " +
      "is one who published, liked, favourited, commented, checked in, joined a challenge or ordered that day. GMV is net of refunds.",
    tags,
    auth: "read:metrics:any",
    query: metricsRangeSchema,
    response: platformMetricsSchema,
    handler: ({ ctx, user, query }) => getPlatformMetrics(ctx, user, query),
  }),
  defineOperation({
    operationId: "curatePost",
    method: "post",
    path: "/posts/:postId/curation",
    summary: "Pin, boost or bury a published note in the hot feed, fading back over its decay days",
    description:
      "The hot score is multiplied by `weightBp`/10000 at first (defaults: pin 1000000, boost 30000, bury 1000), returning linearly to 1 " +
      "over `decayDays` (defaults 3, 7, 14). A new curation replaces the note's current one. Audited.",
    tags,
    auth: "feature:post:any",
    params: postParams,
    body: curatePostSchema,
    response: z.object({ curation: curationViewSchema }),
    successStatus: 201,
    handler: async ({ ctx, user, params, body }) => ({ curation: await curatePost(ctx, user, params.postId, body) }),
  }),
  defineOperation({
    operationId: "liftCuration",
    method: "delete",
    path: "/posts/:postId/curation",
    summary: "End a note's pin, boost or bury now",
    tags,
    auth: "feature:post:any",
    params: postParams,
    response: null,
    handler: async ({ ctx, user, params }) => {
      await liftCuration(ctx, user, params.postId);
    },
  }),
  defineOperation({
    operationId: "listCurations",
    method: "get",
    path: "/ops/curations",
    summary: "Curated notes, live first, with the factor in force now",
    tags,
    auth: "feature:post:any",
    response: z.object({ curations: z.array(curationViewSchema) }),
    handler: async ({ ctx, user }) => ({ curations: await listCurations(ctx, user) }),
  }),
  defineOperation({
    operationId: "listAuditLog",
    method: "get",
    path: "/ops/audit-log",
    summary: "Every staff action with before/after, newest first (admin)",
    tags,
    auth: "read:auditLog:any",
    query: auditQuerySchema,
    response: z.object({
      entries: z.array(
        z.object({
          id: z.number().int(),
          actor: z.object({ handle: z.string(), displayName: z.string() }).nullable(),
          action: z.string(),
          subjectType: z.string(),
          subjectId: z.string(),
          before: z.unknown(),
          after: z.unknown(),
          at: z.string(),
        }),
      ),
    }),
    handler: async ({ ctx, user, query }) => ({ entries: await listAuditLog(ctx, user, query) }),
  }),
];
