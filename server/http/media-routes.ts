import { Router, type Request, type Response } from "express";
import type { AppContext } from "../context";
import { findServableMedia, LOCAL_UPLOAD_PATH, MEDIA_GET_TTL_SEC, receiveUpload } from "../media";
import { AppError, isAppError } from "../shared/errors";
import { localeFromAcceptLanguage, localizeAppError, t } from "../shared/messages";
import type { ByteRange } from "../storage";

const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Media bytes over HTTP: the signed upload URL of the embedded default (PUT /media-upload/<token>)
 * and the one URL every page embeds for stored media (GET /media/<key>). Mounted before the CSRF
 * check: an upload URL is single-purpose and carries its own authority, like a presigned S3 URL,
 * and no cookie is consulted here.
 */
export function mediaRoutes(ctx: AppContext): Router {
  const router = Router();

  router.put(`${LOCAL_UPLOAD_PATH}/:token`, async (req, res) => {
    const length = req.get("content-length");
    try {
      const result = await receiveUpload(ctx, {
        token: req.params.token ?? "",
        contentType: req.get("content-type"),
        contentLength: length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined,
        body: req,
      });
      res.setHeader("Cache-Control", "no-store");
      res.status(200).json({ uploadId: result.uploadId, size: result.size });
    } catch (e) {
      sendError(ctx, req, res, e);
    }
  });

  const serve = async (req: Request, res: Response) => {
    try {
      const key = req.params[0] ?? "";
      const found = await findServableMedia(ctx.db, key);
      if (!found) throw new AppError("NOT_FOUND", "notFound");
      res.setHeader("X-Content-Type-Options", "nosniff");
      // Media is never a document: should a browser open one directly, nothing in it may run.
      res.setHeader("Content-Security-Policy", "default-src 'none'; img-src 'self'; media-src 'self'; sandbox");

      if (ctx.storage.presign) {
        const url = await ctx.storage.presign.getUrl(found.key, {
          contentType: found.mime,
          cacheControl: IMMUTABLE,
          expiresInSec: MEDIA_GET_TTL_SEC,
          now: ctx.clock.now(),
        });
        // Cached well inside the signature's lifetime, so a cached redirect never points at an expired URL.
        res.setHeader("Cache-Control", `public, max-age=${Math.floor(MEDIA_GET_TTL_SEC / 5)}`);
        res.redirect(302, url);
        return;
      }

      const head = await ctx.storage.head(found.key);
      if (!head) throw new AppError("NOT_FOUND", "notFound");
      const range = parseRange(req.get("range"), head.size);
      res.setHeader("Content-Type", found.mime);
      res.setHeader("Cache-Control", IMMUTABLE);
      res.setHeader("Accept-Ranges", "bytes");
      if (range === "unsatisfiable") {
        res.setHeader("Content-Range", `bytes */${head.size}`);
        res.status(416).end();
        return;
      }
      if (range) {
        res.status(206);
        res.setHeader("Content-Range", `bytes ${range.start}-${range.end}/${head.size}`);
      }
      res.setHeader("Content-Length", String(range ? range.end - range.start + 1 : head.size));
      if (req.method === "HEAD") {
        res.end();
        return;
      }
      const got = await ctx.storage.getStream(found.key, range ?? undefined);
      if (!got) throw new AppError("NOT_FOUND", "notFound");
      got.body.on("error", (err) => {
        res.locals.log?.warn({ err, key: found.key }, "media stream failed");
        res.destroy(err);
      });
      got.body.pipe(res);
    } catch (e) {
      sendError(ctx, req, res, e);
    }
  };
  router.get("/media/*", serve);
  router.head("/media/*", serve);

  return router;
}

/** One `bytes=` range (what video players send); anything else is served whole. */
function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | null {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === "" && m[2] === "")) return null;
  let start: number;
  let end: number;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

function sendError(ctx: AppContext, req: Request, res: Response, e: unknown) {
  const locale = localeFromAcceptLanguage(req.get("accept-language"));
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.setHeader("Cache-Control", "no-store");
  if (!req.complete && req.method === "PUT") {
    // The rest of a refused body is not read: close the connection after answering.
    res.setHeader("Connection", "close");
  }
  if (isAppError(e)) {
    res.status(e.status).json({ error: localizeAppError(e, locale) });
    return;
  }
  (res.locals.log ?? ctx.logger).error({ err: e, path: req.path }, "media request failed");
  res.status(500).json({ error: { code: "INTERNAL", message: t(locale, "internal"), requestId: res.locals.requestId } });
}
