import { Router } from "express";
import type { AppContext } from "../../context";
import { readSessionToken } from "../../identity";
import { sha256 } from "../../identity/secrets";
import { recordClick } from "./record-click";
import { readVisitorId, visitorCookie } from "./visitor-cookie";

/**
 * GET /d/<code>: the short link people share. Records the click, (re)sets the signed visitor cookie
 * for 30 days and answers 302 to the product or note. An unknown or archived code falls through to the
 * UI's friendly 404 page. A plain Express route rather than a Remix one: it is the hottest public URL
 * and needs nothing Remix offers. A HEAD request (a link preview) is kept as a bot click, never counted.
 */
export function distributionRedirect(ctx: AppContext): Router {
  const router = Router();
  router.get("/d/:code", async (req, res, next) => {
    try {
      const code = req.params.code ?? "";
      const token = readSessionToken(ctx, req.headers.cookie);
      const input = {
        code,
        visitorId: readVisitorId(req, ctx),
        sessionId: token ? sha256(token) : null,
        userAgent: req.get("user-agent") ?? null,
        referrer: req.get("referer") ?? null,
        ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
      };
      if (req.method === "HEAD") input.userAgent = null; // a preview fetch is not a visit: kept as a bot row at most
      const click = await recordClick(ctx, input);
      if (!click) return next();
      res.set("Cache-Control", "no-store");
      res.append("Set-Cookie", visitorCookie(ctx, click.visitorId, ctx.clock.now()));
      res.redirect(302, click.path);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
