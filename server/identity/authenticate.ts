import { and, eq, gt, isNull, lte, or } from "drizzle-orm";
import { accessTokens, sessions, users } from "../../db/schema";
import type { AppContext } from "../context";
import { parseRoles, rolesOf, toCurrentUser, type CurrentUser } from "./current-user";
import { sha256 } from "./secrets";
import { readSessionToken, SESSION_TOUCH_INTERVAL_MS, SESSION_TTL_MS, type NewSession } from "./sessions";

export type Credentials = { cookieHeader?: string | null; authorizationHeader?: string | null };

/** Personal access tokens: "sbp_" and 43 URL-safe characters. */
export const ACCESS_TOKEN_PREFIX = "sbp_";
/** last_used_at is approximate on purpose: one write a minute per token, not one per request. */
const TOKEN_TOUCH_INTERVAL_MS = 60 * 1000;

export interface Authentication {
  user: CurrentUser;
  via: "session" | "token";
  /** Set when a session's sliding expiry moved; the caller should re-send the cookie with it. */
  renewedSession?: NewSession;
  /** The session token, when authenticated by cookie (log-out needs it). */
  sessionToken?: string;
}

/**
 * Who is making a request: a "Bearer sbp_…" personal access token, or else the session cookie.
 * When an Authorization header is present only it counts — a bad token never falls back to the
 * cookie, so bearer requests (which skip the CSRF check) can't ride on a browser's session.
 */
export async function authenticateRequest(ctx: AppContext, credentials: Credentials): Promise<Authentication | null> {
  const now = ctx.clock.now();
  if (credentials.authorizationHeader) {
    const match = /^Bearer\s+(\S+)$/i.exec(credentials.authorizationHeader.trim());
    const token = match?.[1];
    if (!token || !token.startsWith(ACCESS_TOKEN_PREFIX)) return null;
    const [row] = await ctx.db
      .select({ user: users, tokenId: accessTokens.id, lastUsedAt: accessTokens.lastUsedAt, roles: rolesOf(users.id) })
      .from(accessTokens)
      .innerJoin(users, eq(users.id, accessTokens.userId))
      .where(
        and(
          eq(accessTokens.tokenHash, sha256(token)),
          isNull(accessTokens.revokedAt),
          or(isNull(accessTokens.expiresAt), gt(accessTokens.expiresAt, now)),
          eq(users.status, "active"),
        ),
      )
      .limit(1);
    if (!row) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOKEN_TOUCH_INTERVAL_MS) {
      await ctx.db.update(accessTokens).set({ lastUsedAt: now }).where(eq(accessTokens.id, row.tokenId));
    }
    return { user: toCurrentUser(row.user, parseRoles(row.roles)), via: "token" };
  }

  const token = readSessionToken(ctx, credentials.cookieHeader);
  if (!token) return null;
  const id = sha256(token);
  const [row] = await ctx.db
    .select({ user: users, lastSeenAt: sessions.lastSeenAt, roles: rolesOf(users.id) })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), eq(users.status, "active")))
    .limit(1);
  if (!row) return null;
  const auth: Authentication = { user: toCurrentUser(row.user, parseRoles(row.roles)), via: "session", sessionToken: token };
  if (now.getTime() - row.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    // The condition keeps concurrent requests from each extending the same session.
    const touched = await ctx.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt })
      .where(and(eq(sessions.id, id), lte(sessions.lastSeenAt, new Date(now.getTime() - SESSION_TOUCH_INTERVAL_MS))))
      .returning({ id: sessions.id });
    if (touched.length > 0) auth.renewedSession = { token, expiresAt };
  }
  return auth;
}

/** The user behind a request's session cookie or bearer token, or null. */
export async function authenticate(ctx: AppContext, credentials: Credentials): Promise<CurrentUser | null> {
  return (await authenticateRequest(ctx, credentials))?.user ?? null;
}
