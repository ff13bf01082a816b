import { z } from "zod";
import { defineOperation } from "../http/api/define-operation";
import { getPointsSummary, pointsSummarySchema } from "../gamification/points";
import { localDate } from "../shared/clock";
import {
  accessTokenCreateSchema,
  accessTokenViewSchema,
  clearSessionCookie,
  createAccessToken,
  currentUserSchema,
  listAccessTokens,
  logIn,
  logInSchema,
  logOut,
  profileUpdateSchema,
  revokeAccessToken,
  sessionCookie,
  signUp,
  signUpSchema,
  updateProfile,
} from "./index";

const tags = ["identity"];
const userResponse = z.object({ user: currentUserSchema });

/**
 * The session goes into an httpOnly cookie, never the body: browsers use the cookie, and API
 * clients that can't keep cookies create a personal access token (createAccessToken) once logged in.
 */
export const identityOperations = [
  defineOperation({
    operationId: "signUp",
    method: "post",
    path: "/auth/sign-up",
    summary: "Create a member account and start a session",
    description: "Sets the session cookie. Handles and emails are unique regardless of case.",
    tags,
    auth: "public",
    body: signUpSchema,
    response: userResponse,
    successStatus: 201,
    errorStatuses: [409, 429],
    handler: async ({ ctx, body, meta, res }) => {
      const { user, session } = await signUp(ctx, body, meta);
      res.append("Set-Cookie", sessionCookie(ctx, session));
      return { user };
    },
  }),
  defineOperation({
    operationId: "logIn",
    method: "post",
    path: "/auth/log-in",
    summary: "Log in with a handle or email and a password",
    description: "Sets the session cookie. Unknown accounts and wrong passwords get the same 401.",
    tags,
    auth: "public",
    body: logInSchema,
    response: userResponse,
    errorStatuses: [429],
    handler: async ({ ctx, body, meta, res }) => {
      const { user, session } = await logIn(ctx, body, meta);
      res.append("Set-Cookie", sessionCookie(ctx, session));
      return { user };
    },
  }),
  defineOperation({
    operationId: "logOut",
    method: "post",
    path: "/auth/log-out",
    summary: "End the current session",
    description: "Idempotent: without a session it only clears the cookie.",
    tags,
    auth: "public",
    response: null,
    handler: async ({ ctx, auth, res }) => {
      if (auth?.sessionToken) await logOut(ctx, auth.sessionToken);
      res.append("Set-Cookie", clearSessionCookie(ctx));
    },
  }),
  defineOperation({
    operationId: "getMe",
    method: "get",
    path: "/me",
    summary: "The signed-in user with roles, level, points, growth and check-in streak",
    description:
      "`level` carries the way to the next level (`nextLevelAt` growth in total, `remaining`, `percent`; null at the top); " +
      "`points` are spendable, `pendingPoints` wait for an order to confirm; `streak` is the check-in streak still alive today.",
    tags,
    auth: "user",
    response: userResponse.extend({
      level: pointsSummarySchema.shape.level,
      points: z.number().int(),
      pendingPoints: z.number().int(),
      growth: z.number().int(),
      streak: z.number().int(),
    }),
    handler: async ({ ctx, user, locale }) => {
      const summary = await getPointsSummary(ctx.db, user.id, { today: localDate(ctx.clock.now(), ctx.config.platformTimeZone), locale });
      return { user, ...summary };
    },
  }),
  defineOperation({
    operationId: "updateMe",
    method: "patch",
    path: "/me",
    summary: "Change display name, bio or language",
    tags,
    auth: "update:profile:own",
    body: profileUpdateSchema,
    response: userResponse,
    handler: async ({ ctx, user, body }) => ({ user: await updateProfile(ctx, user.id, body) }),
  }),
  defineOperation({
    operationId: "listAccessTokens",
    method: "get",
    path: "/me/access-tokens",
    summary: "The signed-in user's personal access tokens",
    description: "Includes revoked and expired tokens; never the secret itself.",
    tags,
    auth: "manage:accessTokens:own",
    response: z.object({ accessTokens: z.array(accessTokenViewSchema) }),
    handler: async ({ ctx, user }) => ({ accessTokens: await listAccessTokens(ctx, user.id) }),
  }),
  defineOperation({
    operationId: "createAccessToken",
    method: "post",
    path: "/me/access-tokens",
    summary: "Create a personal access token",
    description: "The token is returned once; send it as `Authorization: Bearer <token>`.",
    tags,
    auth: "manage:accessTokens:own",
    body: accessTokenCreateSchema,
    response: z.object({ token: z.string(), accessToken: accessTokenViewSchema }),
    successStatus: 201,
    handler: ({ ctx, user, body }) => createAccessToken(ctx, user.id, body),
  }),
  defineOperation({
    operationId: "revokeAccessToken",
    method: "delete",
    path: "/me/access-tokens/:tokenId",
    summary: "Revoke one of the signed-in user's tokens",
    tags,
    auth: "manage:accessTokens:own",
    params: z.object({ tokenId: z.uuid("validation.uuid") }),
    response: null,
    handler: async ({ ctx, user, params }) => {
      await revokeAccessToken(ctx, user.id, params.tokenId);
    },
  }),
];
