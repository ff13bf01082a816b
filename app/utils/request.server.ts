import type { AppLoadContext } from "@remix-run/node";

/** Who is asking, for sessions and rate limits. */
export function requestMeta(request: Request, context: AppLoadContext): { ip: string; userAgent: string | null } {
  return { ip: clientIp(request, context), userAgent: request.headers.get("user-agent") };
}

/**
 * The client address as the Express host resolved it under its `trust proxy` setting, so a forged
 * X-Forwarded-For from the internet can't dodge the sign-up and log-in rate limits.
 */
function clientIp(_request: Request, context: AppLoadContext): string {
  return context.clientIp || "unknown";
}
