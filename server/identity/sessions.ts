import { parseCookie, stringifySetCookie } from "cookie";
import type { Queryable } from "../../db/client";
import { sessions } from "../../db/schema";
import type { AppContext } from "../context";
import { bindVisitor } from "../distribution/attribution/bind-visitor";
import { hmac, randomSecret, safeEqual, sha256 } from "./secrets";

export const SESSION_COOKIE_NAME = "sb_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding expiry is written at most this often, so an active user costs one write an hour, not one per request. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 60 * 1000;

/** `visitorId`: the signed distribution visitor cookie's id, bound to the account when a session starts. */
export type RequestMeta = { ip: string; userAgent?: string | null; visitorId?: string | null };
export type NewSession = { token: string; expiresAt: Date };

/** Stores a new session (only the token's hash) and returns the token for the cookie. */
export async function createSession(
  db: Queryable,
  options: { userId: string; now: Date; userAgent?: string | null; visitorId?: string | null },
): Promise<NewSession> {
  const token = randomSecret();
  const expiresAt = new Date(options.now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    id: sha256(token),
    userId: options.userId,
    createdAt: options.now,
    expiresAt,
    lastSeenAt: options.now,
    userAgent: options.userAgent?.slice(0, 512) ?? null,
  });
  // Clicks this browser made on distribution links before signing in now count for this account.
  await bindVisitor(db, options.visitorId, options.userId, options.now);
  return { token, expiresAt };
}

/**
 * The Set-Cookie value for a session. The value is `token.signature`: the HMAC lets us refuse a forged
 * cookie without a database query, and the token itself is what the database knows (hashed).
 */
export function sessionCookie(ctx: Pick<AppContext, "config">, session: NewSession): string {
  return stringifySetCookie(SESSION_COOKIE_NAME, `${session.token}.${hmac(ctx.config.sessionSecret, session.token)}`, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: ctx.config.isProduction,
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(ctx: Pick<AppContext, "config">): string {
  return stringifySetCookie(SESSION_COOKIE_NAME, "", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: ctx.config.isProduction,
    expires: new Date(0),
    maxAge: 0,
  });
}

/** The session token from a Cookie header when its signature is ours, else null. */
export function readSessionToken(ctx: Pick<AppContext, "config">, cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  let value: string | undefined;
  try {
    value = parseCookie(cookieHeader)[SESSION_COOKIE_NAME];
  } catch {
    return null;
  }
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  return safeEqual(signature, hmac(ctx.config.sessionSecret, token)) ? token : null;
}
