import { defineOperation } from "../../http/api/define-operation";
import { getLeaderboard } from "./get-leaderboard";
import { leaderboardQuerySchema, leaderboardSchema } from "./schemas";

/** Leaderboards over /api/v1 (registered through ../rewards/api.ts). */
export const leaderboardOperations = [
  defineOperation({
    operationId: "getLeaderboard",
    method: "get",
    path: "/leaderboards",
    summary: "Points earned this week, this month or ever, or current check-in streaks, ranked",
    description:
      "Weeks start on Monday and months on the 1st, at 00:00 in the platform time zone. Points earned are awards from the " +
      "platform's issuance (rules, challenge rewards), not spending or refunds of redemptions. A streak counts consecutive " +
      "check-in days ending today or yesterday. Staff and admins are left out; equal values share a rank (1, 2, 2, 4). " +
      "`me` is the caller's own place even outside the top `limit`.",
    tags: ["leaderboards"],
    auth: "public",
    query: leaderboardQuerySchema,
    response: leaderboardSchema,
    handler: ({ ctx, user, query }) => getLeaderboard(ctx, user, query),
  }),
];
