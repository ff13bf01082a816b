import type { IncomingMessage } from "node:http";
import { z } from "zod";
import type { AppContext } from "../context";
import { authenticate } from "../identity";
import type { SeedbedSocket } from "./commands";

/**
 * Same-origin only: a page on another site must not open a socket that rides on our session cookie
 * (cross-site WebSocket hijacking — browsers send cookies on cross-origin WebSocket handshakes and
 * CORS does not apply to them). Allowed: no Origin (not a browser), the Host the request came to,
 * and PUBLIC_URL's origin when the app sits behind a proxy that rewrites Host.
 */
export function isAllowedOrigin(req: IncomingMessage, publicUrl: string | undefined): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false; // includes the opaque "null" origin of sandboxed frames and file:// pages
  }
  if (publicUrl && originUrl.origin === new URL(publicUrl).origin) return true;
  const forwardedHost = req.headers["x-forwarded-host"];
  const host = (Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost) ?? req.headers.host;
  return host !== undefined && originUrl.host === host;
}

const handshakeAuthSchema = z.looseObject({
  token: z.string().min(1).max(512).optional(),
});

class HandshakeError extends Error {
  readonly data: { code: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code };
  }
}

/**
 * Socket.IO connection middleware. A personal access token (`auth.token`, or an `Authorization:
 * Bearer` header from non-browser clients) must be valid or the connection is refused with a
 * connect_error; without one, the session cookie decides. A missing or stale cookie is not an error:
 * visitors watch public pages anonymously.
 */
export function authenticateHandshake(ctx: AppContext) {
  return async (socket: SeedbedSocket, next: (err?: Error) => void) => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) return next(new HandshakeError("UNAUTHENTICATED", "The access token must be a non-empty string."));
    const header = socket.handshake.headers.authorization;
    const bearer = auth.data.token ? `Bearer ${auth.data.token}` : header?.toLowerCase().startsWith("bearer ") ? header : undefined;
    try {
      if (bearer) {
        // The token alone decides, so a valid cookie cannot mask a wrong token.
        const user = await authenticate(ctx, { authorizationHeader: bearer });
        if (!user) return next(new HandshakeError("UNAUTHENTICATED", "Invalid or expired access token."));
        socket.data = { userId: user.id, via: "token" };
      } else {
        const cookieHeader = socket.handshake.headers.cookie;
        const user = cookieHeader ? await authenticate(ctx, { cookieHeader }) : null;
        socket.data = user ? { userId: user.id, via: "session" } : { userId: null, via: "anonymous" };
      }
    } catch (e) {
      ctx.logger.error({ err: e }, "realtime handshake authentication failed");
      return next(new HandshakeError("INTERNAL", "Authentication is unavailable; try again shortly."));
    }
    next();
  };
}
