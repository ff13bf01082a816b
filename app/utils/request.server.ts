import type { AppLoadContext } from "@remix-run/node";

/** Who is asking, for sessions and rate limits. */
export function requestMeta(request: Request, context: AppLoadContext): { ip: string; userAgent: string | null } {
  return { ip: clientIp(request, context), userAgent: request.headers.get("user-agent") };
}

/**
 * The client address. Express resolves it with its `trust proxy` setting (so a forged
 * X-Forwarded-For from the internet is ignored); the header is only a fallback for hosts that
 * don't pass `clientIp` in the load context.
 */
function clientIp(request: Request, context: AppLoadContext): string {
  const fromHost = (context as { clientIp?: string }).clientIp;
  if (fromHost) return fromHost;
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || "unknown";
}
