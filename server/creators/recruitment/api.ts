import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { recruitmentFunnel } from "./funnel";
import { inviteCandidate } from "./invite-candidate";
import { listCreatorCandidates } from "./list-candidates";
import { candidateViewSchema, funnelViewSchema, inviteSchema, listCandidatesQuerySchema } from "./schemas";

const tags = ["creators"];

/** Recruitment over /api/v1: the candidate finder, invitations to apply and the funnel (staff). */
export const recruitmentOperations: ApiOperation[] = [
  defineOperation({
    operationId: "listCreatorCandidates",
    method: "get",
    path: "/creator-candidates",
    summary: "Members ranked by 30-day engagement, growth and fit with a category (creators and staff excluded)",
    tags,
    auth: "read:creatorCandidates:any",
    query: listCandidatesQuerySchema,
    response: z.object({ candidates: z.array(candidateViewSchema) }),
    handler: async ({ ctx, user, query }) => ({ candidates: await listCreatorCandidates(ctx, user, query) }),
  }),
  defineOperation({
    operationId: "inviteCreatorCandidate",
    method: "post",
    path: "/creator-invitations",
    summary: "Invite a member to apply as a creator (one invitation per member; 409 for a second)",
    tags,
    auth: "read:creatorCandidates:any",
    body: inviteSchema,
    response: z.object({ invitationId: z.uuid() }),
    successStatus: 201,
    errorStatuses: [409],
    handler: ({ ctx, user, body }) => inviteCandidate(ctx, user, body),
  }),
  defineOperation({
    operationId: "getRecruitmentFunnel",
    method: "get",
    path: "/creator-invitations/funnel",
    summary: "Invited → applied → approved → first sale, counted over every invitation",
    tags,
    auth: "read:creatorCandidates:any",
    response: z.object({ funnel: funnelViewSchema }),
    handler: async ({ ctx, user }) => ({ funnel: await recruitmentFunnel(ctx, user) }),
  }),
];
