import type { AppLoadContext } from "@remix-run/node";
import { readVisitorId } from "../../server/distribution/attribution/visitor-cookie";

/** Who is asking, for sessions and rate limits (and the distribution visitor a new session binds). */
export function requestMeta(request: Request, context: AppLoadContext): { ip: string; userAgent: string | null; visitorId: string | null } {
  return { ip: clientIp(request, context), userAgent: request.headers.get("user-agent"), visitorId: readVisitorId(request, context) };
}

/**
 * The client address as the Express host resolved it under its `trust proxy` setting, so a forged
 * X-Forwarded-For from the internet can't dodge the sign-up and log-in rate limits.
 */
function clientIp(_request: Request, context: AppLoadContext): string {
  return context.clientIp || "unknown";
}
