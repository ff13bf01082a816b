import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { joinFanGroup, leaveFanGroup } from "./join-fan-group";
import { markPostFanOnly } from "./mark-fan-only";
import { fanGroupViewSchema, fanMembershipResultSchema, idSchema, markFanOnlySchema } from "./schemas";
import { getFanGroup } from "./views";

const tags = ["fan groups"];
const creatorParams = z.object({ creatorId: idSchema });

/** Fan groups (粉丝团) over /api/v1. */
export const fanGroupsOperations: ApiOperation[] = [
  defineOperation({
    operationId: "getFanGroup",
    method: "get",
    path: "/creators/:creatorId/fan-group",
    summary: "A creator's fan group: members by fan level, and the caller's own standing",
    tags,
    auth: "public",
    params: creatorParams,
    response: z.object({ fanGroup: fanGroupViewSchema }),
    handler: async ({ ctx, user, params }) => ({ fanGroup: await getFanGroup(ctx, user, params.creatorId) }),
  }),
  defineOperation({
    operationId: "joinFanGroup",
    method: "post",
    path: "/creators/:creatorId/fan-group/members",
    summary: "Join a creator's fan group (idempotent)",
    description: "A repeat answers 200 with `created: false`; the member count moves once. 409 for your own group.",
    tags,
    auth: "join:fanGroup:any",
    params: creatorParams,
    response: fanMembershipResultSchema,
    errorStatuses: [409],
    handler: ({ ctx, user, params }) => joinFanGroup(ctx, user, params.creatorId),
  }),
  defineOperation({
    operationId: "leaveFanGroup",
    method: "delete",
    path: "/creators/:creatorId/fan-group/members/me",
    summary: "Leave a creator's fan group (idempotent)",
    tags,
    auth: "join:fanGroup:any",
    params: creatorParams,
    response: fanMembershipResultSchema,
    handler: ({ ctx, user, params }) => leaveFanGroup(ctx, user, params.creatorId),
  }),
  defineOperation({
    operationId: "setPostFanOnly",
    method: "put",
    path: "/posts/:postId/fan-only",
    summary: "Keep your note for your fan group, or open it again",
    tags,
    auth: "manage:fanGroup:own",
    params: z.object({ postId: idSchema }),
    body: markFanOnlySchema,
    response: z.object({ fanOnly: z.boolean() }),
    handler: ({ ctx, user, params, body }) => markPostFanOnly(ctx, user, params.postId, body),
  }),
];
