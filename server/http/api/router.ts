import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { z } from "zod";
import type { AppContext } from "../../context";
import { authenticateRequest, requirePermission, sessionCookie, type Authentication } from "../../identity";
import { AppError, isAppError, type FieldErrors } from "../../shared/errors";
import { fieldErrorsFromZod, localeFromAcceptLanguage, localizeAppError, t, type MessageLocale } from "../../shared/messages";
import type { ApiOperation } from "./define-operation";
import { buildOpenApiDocument } from "./openapi";
import { apiOperations } from "./operations";
import { readVisitorId } from "../../distribution/attribution/visitor-cookie";

const JSON_TYPES = ["application/json", "application/*+json"];

function sendError(res: Response, status: number, error: { code: string; message: string; fields?: FieldErrors }) {
  res.status(status).json({ error });
}

function hasBody(req: Request): boolean {
  const length = req.get("content-length");
  return (length !== undefined && length !== "0") || req.get("transfer-encoding") !== undefined;
}

/** Parses params/query/body with the operation's schemas; all failures are reported together as 422. */
function parseRequest(op: ApiOperation, req: Request, locale: MessageLocale) {
  const fields: FieldErrors = {};
  const parse = <S extends z.ZodType>(schema: S | undefined, value: unknown): z.output<S> | undefined => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const [field, messages] of Object.entries(fieldErrorsFromZod(result.error, locale))) {
      (fields[field] ??= []).push(...messages);
    }
    return undefined;
  };
  const params = parse(op.params, req.params);
  const query = parse(op.query, req.query);
  // No body at all reads as an empty object, so a missing body reports each required field.
  const body = parse(op.body, req.body === undefined ? {} : req.body);
  if (Object.keys(fields).length > 0) {
    throw new AppError("VALIDATION_FAILED", t(locale, "validationFailed"), { fields });
  }
  return { params, query, body };
}

function handle(ctx: AppContext, op: ApiOperation) {
  return async (req: Request, res: Response) => {
    const locale = localeFromAcceptLanguage(req.get("accept-language"));
    try {
      if (op.body && req.method !== "GET" && (req.get("content-type") !== undefined || hasBody(req)) && !req.is(JSON_TYPES)) {
        throw new AppError("UNSUPPORTED_MEDIA_TYPE", "unsupportedMediaType");
      }
      const auth: Authentication | null = await authenticateRequest(ctx, {
        cookieHeader: req.get("cookie"),
        authorizationHeader: req.get("authorization"),
      });
      // A session's sliding expiry moved: send the cookie again so the browser's copy moves too.
      if (auth?.renewedSession) res.append("Set-Cookie", sessionCookie(ctx, auth.renewedSession));
      const user = auth?.user ?? null;
      if (op.auth === "user" && !user) throw new AppError("UNAUTHENTICATED", "unauthenticated");
      if (op.auth !== "public" && op.auth !== "user") requirePermission(user, op.auth);

      const { params, query, body } = parseRequest(op, req, locale);
      const result = await op.handler({
        ctx,
        user,
        auth,
        params,
        query,
        body,
        locale,
        meta: { ip: req.ip ?? req.socket.remoteAddress ?? "unknown", userAgent: req.get("user-agent") ?? null, visitorId: readVisitorId(req, ctx) },
        req,
        res,
      });
      if (op.response === null) {
        res.status(op.successStatus).end();
        return;
      }
      if (!ctx.config.isProduction) {
        // Outside production, a handler that drifts from its documented response fails loudly.
        const checked = op.response.safeParse(result);
        if (!checked.success) {
          throw new Error(`${op.operationId} returned a body that does not match its response schema: ${checked.error.message}`);
        }
      }
      res.status(op.successStatus).json(result);
    } catch (e) {
      if (isAppError(e)) {
        if (e.retryAfter !== undefined) res.setHeader("Retry-After", String(e.retryAfter));
        if (e.code === "UNAUTHENTICATED") res.setHeader("WWW-Authenticate", 'Bearer realm="seedbed"');
        sendError(res, e.status, localizeAppError(e, locale));
        return;
      }
      res.locals.log.error({ err: e, operationId: op.operationId }, "api handler failed");
      res.status(500).json({ error: { code: "INTERNAL", message: t(locale, "internal"), requestId: res.locals.requestId } });
    }
  };
}

/**
 * /api/v1: JSON in and out, errors as in DESIGN.md §5, one route per registered operation, and the
 * OpenAPI document generated from the same operations.
 */
export function createApiRouter(ctx: AppContext, operations: readonly ApiOperation[] = apiOperations) {
  const router = Router();
  let openApi: ReturnType<typeof buildOpenApiDocument> | undefined;

  router.use((_req, res, next) => {
    // Responses carry personal data; no shared cache may keep them.
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  router.get("/openapi.json", (_req, res) => {
    openApi ??= buildOpenApiDocument(operations, { serverUrl: ctx.config.publicUrl });
    res.setHeader("Cache-Control", "public, max-age=300");
    res.json(openApi);
  });

  router.use(
    express.json({
      limit: "1mb",
      type: JSON_TYPES,
      strict: true,
      // The exact bytes, kept for webhooks that sign the raw body (ingestExternalOrder's HMAC).
      verify: (req, _res, buf) => {
        (req as { rawBody?: Buffer }).rawBody = buf;
      },
    }),
  );

  for (const op of operations) router[op.method](op.path, handle(ctx, op));

  router.use((req, res) => {
    const locale = localeFromAcceptLanguage(req.get("accept-language"));
    sendError(res, 404, { code: "NOT_FOUND", message: t(locale, "notFound") });
  });

  // Errors from the body parser: malformed JSON, oversized or wrongly encoded bodies.
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const locale = localeFromAcceptLanguage(req.get("accept-language"));
    const type = (err as { type?: string }).type;
    const status = (err as { status?: number }).status;
    if (type === "entity.too.large" || status === 413) {
      return sendError(res, 413, { code: "PAYLOAD_TOO_LARGE", message: t(locale, "payloadTooLarge") });
    }
    if (type === "entity.parse.failed") {
      return sendError(res, 400, { code: "BAD_REQUEST", message: t(locale, "malformedJson") });
    }
    if (type === "encoding.unsupported" || type === "charset.unsupported" || status === 415) {
      return sendError(res, 415, { code: "UNSUPPORTED_MEDIA_TYPE", message: t(locale, "unsupportedMediaType") });
    }
    if (typeof status === "number" && status >= 400 && status < 500) {
      return sendError(res, status, { code: "BAD_REQUEST", message: (err as Error).message });
    }
    res.locals.log.error({ err }, "api request failed");
    res.status(500).json({ error: { code: "INTERNAL", message: t(locale, "internal"), requestId: res.locals.requestId } });
  });

  return router;
}
