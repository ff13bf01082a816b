import crypto from "node:crypto";
import { parseCookie, stringifySetCookie } from "cookie";
import type { AppContext } from "../../context";

/**
 * The first-party attribution cookie: a random visitor id, signed with the session secret so a
 * forged or edited id is ignored (a visitor can't claim another visitor's clicks). /d/<code> sets it;
 * checkout reads it to find the last click; log-in and sign-up bind it to the account.
 */
export const VISITOR_COOKIE_NAME = "sb_vid";
/** How long the browser keeps the id; every click on a link renews it. */
export const VISITOR_COOKIE_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/;

/** Anything that carries request headers: a Fetch `Request` (Remix) or Node's `IncomingMessage` (Express). */
export type RequestLike = Request | { headers: Record<string, string | string[] | undefined> };

type Secret = Pick<AppContext, "config">;

/** 16 random bytes, URL-safe: 22 characters nobody can guess. */
export function newVisitorId(): string {
  return crypto.randomBytes(16).toString("base64url");
}

// A distinct prefix, so a visitor cookie's signature can never pass as a session cookie's or vice versa.
const signatureOf = (ctx: Secret, visitorId: string) => crypto.createHmac("sha256", ctx.config.sessionSecret).update(`visitor:${visitorId}`).digest("base64url");

/** The Set-Cookie value that stores `visitorId` for 30 days (HttpOnly, SameSite=Lax, the whole site). */
export function visitorCookie(ctx: Secret, visitorId: string, now: Date): string {
  return stringifySetCookie(VISITOR_COOKIE_NAME, `${visitorId}.${signatureOf(ctx, visitorId)}`, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: ctx.config.isProduction,
    expires: new Date(now.getTime() + VISITOR_COOKIE_TTL_MS),
  });
}

function cookieHeaderOf(request: RequestLike): string | null {
  if (typeof (request as Request).headers?.get === "function") return (request as Request).headers.get("cookie");
  const raw = (request as { headers: Record<string, string | string[] | undefined> }).headers.cookie;
  return Array.isArray(raw) ? raw.join("; ") : (raw ?? null);
}

/** The visitor id in a Cookie header when its signature is ours, else null. */
export function readVisitorIdFromHeader(ctx: Secret, cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader || !cookieHeader.includes(VISITOR_COOKIE_NAME)) return null;
  let value: string | undefined;
  try {
    value = parseCookie(cookieHeader)[VISITOR_COOKIE_NAME];
  } catch {
    return null;
  }
  if (!value) return null;
  const dot = value.indexOf(".");
  if (dot <= 0) return null;
  const visitorId = value.slice(0, dot);
  if (!VISITOR_ID.test(visitorId)) return null;
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(signatureOf(ctx, visitorId));
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? visitorId : null;
}

/**
 * The signed visitor id of a request (Fetch Request or Express/Node request), or null when there is
 * none or it was tampered with. Checkout passes it to resolveAttribution.
 */
export function readVisitorId(request: RequestLike, ctx: Secret): string | null {
  return readVisitorIdFromHeader(ctx, cookieHeaderOf(request));
}
