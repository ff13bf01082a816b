import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import type { AppContext } from "../context";
import { createApiRouter } from "./api/router";
import { distributionRedirect } from "../distribution/attribution/redirect-route";
import { healthRoutes } from "./health";
import { mediaRoutes } from "./media-routes";
import { requestContext } from "./request-context";
import { visitorPageCache } from "./visitor-page-cache";
import { csrfProtection, securityHeaders } from "./security";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What Remix loaders and actions receive as `context`. */
export interface RemixLoadContext extends AppContext {
  requestId: string;
  cspNonce: string;
  /** The client address as Express resolves it under `trust proxy` (rate limits key on it); absent outside HTTP. */
  clientIp?: string;
}

declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RemixLoadContext {}
}

export interface HttpAppOptions {
  /** The Remix server build; omitted by tests that exercise only the API. */
  remixBuild?: ServerBuild;
}

/** The Express app: health, /api/v1, static assets and the Remix UI, behind security middleware. */
export function createHttpApp(ctx: AppContext, options: HttpAppOptions = {}) {
  const app = express();
  app.disable("x-powered-by");
  // Behind a load balancer the client address and protocol come from X-Forwarded-*.
  app.set("trust proxy", ctx.config.isProduction ? 1 : "loopback");

  app.use(requestContext(ctx.logger));
  app.use(healthRoutes(() => ctx.healthChecks));
  app.use(securityHeaders({ isProduction: ctx.config.isProduction }));
  app.use(mediaRoutes(ctx)); // signed upload URLs carry their own authority; see media-routes.ts
  app.use(csrfProtection());
  if (ctx.config.benchRoutes) {
    // The floor `npm run bench` holds /d/<code> against: a bare Express 302 with a cookie, behind the
    // same middleware, so the ratio is the price of recording a click (off unless BENCH_ROUTES=1).
    app.get("/bench/express-floor", (_req, res) => {
      res.set("Cache-Control", "no-store");
      res.append("Set-Cookie", "sb_bench=1; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax");
      res.redirect(302, "/");
    });
  }
  app.use(distributionRedirect(ctx)); // /d/<code>: records the click, sets the visitor cookie, 302

  app.use("/api/v1", createApiRouter(ctx));

  // Fingerprinted client bundles never change; everything else in public/ may.
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

  if (options.remixBuild) {
    const build = options.remixBuild;
    app.use(visitorPageCache({ cache: ctx.cache, ttlSeconds: ctx.config.feedCacheSeconds, now: () => ctx.clock.now().getTime() }));
    app.all(
      "*",
      createRequestHandler({
        build,
        mode: ctx.config.isProduction ? "production" : "development",
        getLoadContext: (req, res) => {
          const loadContext: RemixLoadContext = {
            ...ctx,
            requestId: res.locals.requestId,
            cspNonce: res.locals.cspNonce,
            clientIp: req.ip ?? "unknown",
          };
          return loadContext as AppLoadContext;
        },
      }),
    );
  }

  // Last resort: an error that escaped a handler is logged with its request id, never shown.
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) {
      // e.g. body-parser's malformed JSON or oversized payload
      res.status(status).json({ error: { code: status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", message: (err as Error).message } });
      return;
    }
    (res.locals.log ?? ctx.logger).error({ err, path: req.path }, "unhandled error");
    res.status(500).json({ error: { code: "INTERNAL", message: "Something went wrong.", requestId: res.locals.requestId } });
  });

  return app;
}
