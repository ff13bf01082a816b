import type { NextFunction, Request, Response } from "express";
import { SESSION_COOKIE_NAME } from "../identity/sessions";
import type { MemoryCache } from "../shared/memory-cache";

/** The feed pages a visitor lands on: home (every tab), a category, a topic. */
const CACHEABLE = /^\/(?:c\/[^/]+|t\/[^/]+)?$/;
/** Headers that belong to one response and are never replayed from the cache. */
const PER_RESPONSE = new Set(["x-request-id", "date", "connection", "keep-alive", "transfer-encoding", "set-cookie"]);

interface CachedPage {
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * A micro-cache for the pages visitors land on. Signed-out readers of one feed page in one language
 * all get the same HTML — the public 推荐 ranking is already shared by every visitor for
 * FEED_CACHE_SECONDS (server/content/feeds/recommended.ts) — so the rendered document is kept for that
 * long and served without running loaders or React again. This is what makes a burst of visitors (a
 * share going around a group chat) cheap.
 *
 * Never cached: anyone with a session cookie (their page is personal), data requests (`_data`), any
 * response but a 200 HTML page, and any response that sets a cookie. The cached page is replayed with
 * the headers it was rendered with — including the Content-Security-Policy whose nonce its inline
 * scripts carry, so that nonce lives as long as the entry (a few seconds) instead of one response;
 * content added after rendering only ever appears in a later entry with a new nonce.
 * The key includes the language inputs (the sb_lang cookie and Accept-Language) that choose the locale.
 */
export function visitorPageCache(options: { cache: MemoryCache; ttlSeconds: number; now: () => number }) {
  const ttlMs = options.ttlSeconds * 1000;
  return (req: Request, res: Response, next: NextFunction) => {
    if (ttlMs <= 0 || (req.method !== "GET" && req.method !== "HEAD") || !CACHEABLE.test(req.path) || "_data" in req.query) return next();
    const cookies = req.headers.cookie ?? "";
    if (cookies.includes(`${SESSION_COOKIE_NAME}=`)) return next();
    const lang = /(?:^|;\s*)sb_lang=([^;]*)/.exec(cookies)?.[1] ?? "";
    const key = `page:${req.originalUrl}|${lang}|${(req.headers["accept-language"] ?? "").slice(0, 200)}`;

    const hit = options.cache.get<CachedPage>(key, options.now());
    if (hit) {
      for (const [name, value] of Object.entries(hit.headers)) res.setHeader(name, value);
      res.setHeader("X-Page-Cache", "hit");
      res.status(200);
      if (req.method === "HEAD") return res.end();
      return res.end(hit.body);
    }
    if (req.method === "HEAD") return next();

    res.setHeader("X-Page-Cache", "miss");
    // Record what the Remix handler writes; keep it only if it is a cacheable page.
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const record = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      record(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      record(chunk, rest[0]);
      const type = String(res.getHeader("content-type") ?? "");
      if (res.statusCode === 200 && type.startsWith("text/html") && !res.getHeader("set-cookie")) {
        const headers: CachedPage["headers"] = {};
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (value === undefined || PER_RESPONSE.has(name)) continue;
          headers[name] = Array.isArray(value) ? value : String(value);
        }
        options.cache.set(key, { headers, body: Buffer.concat(chunks) }, ttlMs, options.now());
      }
      return end(chunk, ...rest);
    }) as Response["end"];
    next();
  };
}
