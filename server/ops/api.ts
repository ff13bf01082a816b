import { z } from "zod";
import { defineOperation, type ApiOperation } from "../http/api/define-operation";
import { listAuditLog, auditQuerySchema } from "./audit-log/list-audit-log";
import { curatePost, curatePostSchema, curationViewSchema, getPostCuration, liftCuration, listCurations, postCurationStateSchema } from "./curation";
import { creatorMetricsPageSchema, creatorMetricsQuerySchema, creatorSeriesSchema, getCreatorMetrics, getPlatformMetrics, listCreatorMetrics, metricsRangeSchema, platformMetricsSchema } from "./metrics";
import { createSegment, createSegmentSchema, listSegments, notifySegment, notifySegmentSchema, segmentNotificationViewSchema, segmentViewSchema } from "./segments";
import { createTagSchema, createUserTag, listUserTags, tagMemberSchema, tagUser, tagViewSchema, untagUser } from "./tags";

const tags = ["ops"];
const postParams = z.object({ postId: z.string() });
const tagParams = z.object({ tagId: z.string() });
const segmentParams = z.object({ segmentId: z.string() });

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
    operationId: "listCreatorMetrics",
    method: "get",
    path: "/ops/creator-metrics",
    summary: "Per-creator GMV, commission, orders, new buyers, clicks and click→order conversion over a range of days",
    description:
      "`from`/`to` as getPlatformMetrics (default the last 30 days, at most 366). GMV is paid orders attributed through the creator's " +
      "links, net of refunds; commission is the creator's own share (after any MCN share) net of reversals; new buyers are buyers whose " +
      "first attributed order with that creator was paid in the range. Summed over creators, GMV equals getPlatformMetrics' `linkGmvCents`. " +
      "`sort`: gmv (default), commission, orders, newBuyers, clicks, conversion or creator (handle); `dir` asc/desc; `creator` a handle " +
      "prefix; pages of `limit` (1–100, default 20) continued with `cursor` = the previous page's `nextCursor` under the same sort.",
    tags,
    auth: "read:metrics:any",
    query: creatorMetricsQuerySchema,
    response: creatorMetricsPageSchema,
    handler: ({ ctx, user, query }) => listCreatorMetrics(ctx, user, query),
  }),
  defineOperation({
    operationId: "getCreatorMetrics",
    method: "get",
    path: "/ops/creator-metrics/:userId",
    summary: "One creator's GMV, orders, commission, new buyers and clicks day by day, with the range's totals",
    description: "`from`/`to` as getPlatformMetrics. Every day of the range is listed (zeros where nothing happened). 404 for an unknown account.",
    tags,
    auth: "read:metrics:any",
    params: z.object({ userId: z.string() }),
    query: metricsRangeSchema,
    response: creatorSeriesSchema,
    handler: ({ ctx, user, params, query }) => getCreatorMetrics(ctx, user, params.userId, query),
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
    operationId: "getPostCuration",
    method: "get",
    path: "/posts/:postId/curation",
    summary: "A note's standing with staff: its 精选 pick and its live pin, boost or bury with the factor in force now",
    tags,
    auth: "feature:post:any",
    params: postParams,
    response: postCurationStateSchema,
    handler: ({ ctx, user, params }) => getPostCuration(ctx, user, params.postId),
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
  defineOperation({
    operationId: "listUserTags",
    method: "get",
    path: "/ops/tags",
    summary: "User tags (manual and rule-made) with how many members carry each",
    tags,
    auth: "tag:users:any",
    response: z.object({ tags: z.array(tagViewSchema) }),
    handler: async ({ ctx, user }) => ({ tags: await listUserTags(ctx, user) }),
  }),
  defineOperation({
    operationId: "createUserTag",
    method: "post",
    path: "/ops/tags",
    summary: "Define a manual tag, or a rule-made one the hourly schedule keeps current",
    description: 'Rules: `{kind:"likesInCategory"|"postsInCategory", category, min, days}` (category slug or Chinese name) or `{kind:"ordersInDays", min, days}`.',
    tags,
    auth: "tag:users:any",
    body: createTagSchema,
    response: z.object({ tag: tagViewSchema }),
    successStatus: 201,
    handler: async ({ ctx, user, body }) => ({ tag: await createUserTag(ctx, user, body) }),
  }),
  defineOperation({
    operationId: "tagUser",
    method: "post",
    path: "/ops/tags/:tagId/members",
    summary: "Put a manual tag on a member (by handle); idempotent",
    tags,
    auth: "tag:users:any",
    params: tagParams,
    body: tagMemberSchema,
    response: null,
    handler: async ({ ctx, user, params, body }) => {
      await tagUser(ctx, user, params.tagId, body);
    },
  }),
  defineOperation({
    operationId: "untagUser",
    method: "delete",
    path: "/ops/tags/:tagId/members/:userId",
    summary: "Take a manual tag off a member; idempotent",
    tags,
    auth: "tag:users:any",
    params: z.object({ tagId: z.string(), userId: z.string() }),
    response: null,
    handler: async ({ ctx, user, params }) => {
      await untagUser(ctx, user, params.tagId, params.userId);
    },
  }),
  defineOperation({
    operationId: "listSegments",
    method: "get",
    path: "/ops/segments",
    summary: "Segments (RFM or a tag's carriers) with their size now",
    tags,
    auth: "tag:users:any",
    response: z.object({ segments: z.array(segmentViewSchema) }),
    handler: async ({ ctx, user }) => ({ segments: await listSegments(ctx, user) }),
  }),
  defineOperation({
    operationId: "createSegment",
    method: "post",
    path: "/ops/segments",
    summary: "Define a segment: RFM bounds over paid orders, or the carriers of a tag",
    tags,
    auth: "tag:users:any",
    body: createSegmentSchema,
    response: z.object({ segment: segmentViewSchema }),
    successStatus: 201,
    handler: async ({ ctx, user, body }) => ({ segment: await createSegment(ctx, user, body) }),
  }),
  defineOperation({
    operationId: "notifySegment",
    method: "post",
    path: "/ops/segments/:segmentId/notifications",
    summary: "Tell a segment's members about a campaign, once per segment and campaign",
    description:
      "The members are fixed now and notified in batches by a schedule (every 30 s); follow `sent`/`total`. Asking again for the same " +
      "campaign answers with the first request and `replayed: true`, and nobody is notified twice.",
    tags,
    auth: "tag:users:any",
    params: segmentParams,
    body: notifySegmentSchema,
    response: z.object({ notification: segmentNotificationViewSchema }),
    successStatus: 202,
    handler: async ({ ctx, user, params, body }) => ({ notification: await notifySegment(ctx, user, params.segmentId, body) }),
  }),
];
