import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

/**
 * Security headers. Remix's inline scripts carry the per-request nonce, so no 'unsafe-inline' is
 * needed for scripts; Socket.IO connects to the same origin.
 */
export function securityHeaders(options: { isProduction: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "media-src": ["'self'", "blob:", "https:"],
        "connect-src": ["'self'", "ws:", "wss:", "https:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": options.isProduction ? [] : null,
      },
    },
    // Media may come from an S3/CDN origin.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: "same-site" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF protection for every mutating request that a browser could send with our cookie. The session
 * cookie is SameSite=Lax, and on top of that a cross-site Origin (or Sec-Fetch-Site: cross-site) is
 * refused. Requests authenticated by a bearer token carry no ambient credential and pass.
 */
export function csrfProtection() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.get("authorization")?.toLowerCase().startsWith("bearer ")) return next();
    if (isCrossSite(req)) {
      res.status(403);
      if (req.path.startsWith("/api/")) {
        res.json({ error: { code: "CSRF_FAILED", message: "Cross-site request refused." } });
      } else {
        res.type("text/plain").send("Cross-site form submission refused.");
      }
      return;
    }
    next();
  };
}

export function isCrossSite(req: Request): boolean {
  const fetchSite = req.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  const origin = req.get("origin") ?? refererOrigin(req.get("referer"));
  if (!origin) return false; // not a browser form post: no ambient-credential risk beyond SameSite
  if (origin === "null") return true;
  const host = req.get("x-forwarded-host") ?? req.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "null";
  }
}
