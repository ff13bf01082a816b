import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../shared/logger";

declare module "express-serve-static-core" {
  interface Locals {
    requestId: string;
    cspNonce: string;
    log: Logger;
  }
}

/**
 * Gives each request an id (honouring a sane incoming X-Request-Id from a proxy), a CSP nonce and a
 * child logger, and logs one JSON line when the response finishes.
 */
export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get("x-request-id");
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.locals.requestId = requestId;
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.locals.log = logger.child({ requestId });
    res.setHeader("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      // Health probes and static assets would drown the log.
      if (req.path === "/healthz" || req.path.startsWith("/build/")) return;
      const level = res.statusCode >= 500 ? "error" : "info";
      res.locals.log[level](
        { method: req.method, path: req.path, status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 },
        "request",
      );
    });
    next();
  };
}
