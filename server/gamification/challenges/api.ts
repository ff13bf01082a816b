import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { challengeCheckIn } from "./challenge-check-in";
import { createChallenge } from "./create-challenge";
import { getChallenge } from "./get-challenge";
import { joinChallenge } from "./join-challenge";
import { listChallengeActivity } from "./list-activity";
import { listChallenges } from "./list-challenges";
import { listChallengeLeaderboard } from "./list-leaderboard";
import { listProofCandidates } from "./list-proof-candidates";
import {
  activityListSchema,
  challengeDetailSchema,
  challengePageSchema,
  checkInResultSchema,
  checkInSchema,
  createChallengeSchema,
  joinResultSchema,
  leaderboardSchema,
  listChallengesSchema,
  proofCandidatesSchema,
} from "./schemas";

const tags = ["challenges"];
const params = z.object({ challengeId: z.uuid("validation.uuid") });
const limitQuery = z.strictObject({
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1, "validation.tooSmall").max(100, "validation.tooBig").optional(),
});

/** The /api/v1 operations of the challenges area (listed in server/http/api/operations.ts through ../api.ts). */
export const challengesOperations: ApiOperation[] = [
  defineOperation({
    operationId: "listChallenges",
    method: "get",
    path: "/challenges",
    summary: "Published challenges, optionally only active, upcoming or ended ones, or those the caller joined",
    description:
      "Phases are by the platform-local date (Asia/Shanghai by default). `joined=true` needs a signed-in caller. " +
      "Each item carries the caller's progress in `me`. Pass `nextCursor` back as `cursor` for the next page.",
    tags,
    auth: "public",
    query: listChallengesSchema,
    response: challengePageSchema,
    handler: ({ ctx, user, query }) => listChallenges(ctx, query, user),
  }),
  defineOperation({
    operationId: "createChallenge",
    method: "post",
    path: "/challenges",
    summary: "Create a challenge (staff, and creators for their fans)",
    description:
      "Dates are platform-local calendar dates; the start may not be in the past and requiredDays may not exceed the " +
      "days from start to end. A category slug or a topic (not both) narrows which notes count as proof.",
    tags,
    auth: "create:challenge:own",
    body: createChallengeSchema,
    response: challengeDetailSchema,
    successStatus: 201,
    handler: ({ ctx, user, body }) => createChallenge(ctx, user, body),
  }),
  defineOperation({
    operationId: "getChallenge",
    method: "get",
    path: "/challenges/:challengeId",
    summary: "One challenge with its rules, reward and the caller's progress and check-in dates",
    tags,
    auth: "public",
    params,
    response: challengeDetailSchema,
    handler: ({ ctx, user, params }) => getChallenge(ctx, params.challengeId, user),
  }),
  defineOperation({
    operationId: "joinChallenge",
    method: "post",
    path: "/challenges/:challengeId/participants",
    summary: "Join a challenge (idempotent: joining again changes nothing)",
    tags,
    auth: "join:challenge:any",
    params,
    response: joinResultSchema,
    errorStatuses: [404, 409],
    handler: ({ ctx, user, params }) => joinChallenge(ctx, user, params.challengeId),
  }),
  defineOperation({
    operationId: "challengeCheckIn",
    method: "post",
    path: "/challenges/:challengeId/check-ins",
    summary: "Check in for today with a proof note published today",
    description:
      "One check-in per platform-local day between the start and end dates, by a member who joined. With proof " +
      "required, `postId` names the member's own note, published today, not used for another day of this challenge, " +
      "and in the challenge's category or topic. Reaching the required days completes the challenge and pays the " +
      "reward once. Refusals carry a message on `postId`.",
    tags,
    auth: "join:challenge:any",
    params,
    body: checkInSchema,
    response: checkInResultSchema,
    successStatus: 201,
    errorStatuses: [404, 409],
    handler: ({ ctx, user, params, body }) => challengeCheckIn(ctx, user, params.challengeId, body),
  }),
  defineOperation({
    operationId: "listChallengeLeaderboard",
    method: "get",
    path: "/challenges/:challengeId/leaderboard",
    summary: "Most days done first, then the earliest last check-in; equal members share a rank",
    tags,
    auth: "public",
    params,
    query: limitQuery,
    response: leaderboardSchema,
    handler: ({ ctx, user, params, query }) => listChallengeLeaderboard(ctx, params.challengeId, user, query),
  }),
  defineOperation({
    operationId: "listChallengeActivity",
    method: "get",
    path: "/challenges/:challengeId/activity",
    summary: "The latest joins, check-ins and completions (the same items pushed live to the `challenge:<id>` room)",
    tags,
    auth: "public",
    params,
    query: limitQuery,
    response: activityListSchema,
    handler: ({ ctx, params, query }) => listChallengeActivity(ctx, params.challengeId, query),
  }),
  defineOperation({
    operationId: "listChallengeProofCandidates",
    method: "get",
    path: "/challenges/:challengeId/proof-candidates",
    summary: "The caller's notes published today, each marked if it already proved a day of this challenge",
    tags,
    auth: "join:challenge:any",
    params,
    response: proofCandidatesSchema,
    handler: ({ ctx, user, params }) => listProofCandidates(ctx, params.challengeId, user.id),
  }),
];
