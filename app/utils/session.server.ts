import { redirect, type AppLoadContext } from "@remix-run/node";
import { authenticateRequest, sessionCookie, type CurrentUser } from "./identity.server";
import { loginPath } from "./redirect";

interface WebAuthentication {
  user: CurrentUser | null;
  /** A Set-Cookie header to send when the session's sliding expiry moved. */
  renewedCookie: string | null;
}

/**
 * Who is signed in, from the session cookie only: the UI never accepts bearer tokens, which are
 * for API clients. Memoised per request, since the root loader and a route loader both ask. The key
 * is the load context, made once per HTTP request: Remix hands each loader its own copy of the
 * Request (with `_data` and `index` stripped), so a Request key would miss and look the session up
 * twice.
 */
export function authenticateWeb(request: Request, context: AppLoadContext): Promise<WebAuthentication> {
  const cookieHeader = request.headers.get("cookie");
  const memo = cache.get(context);
  if (memo && memo.cookieHeader === cookieHeader) return memo.pending;
  const pending = authenticateRequest(context, { cookieHeader }).then((auth) => ({
    user: auth?.user ?? null,
    renewedCookie: auth?.renewedSession ? sessionCookie(context, auth.renewedSession) : null,
  }));
  cache.set(context, { cookieHeader, pending });
  return pending;
}
const cache = new WeakMap<AppLoadContext, { cookieHeader: string | null; pending: Promise<WebAuthentication> }>();

/** The signed-in user of a web request, or null for a visitor. */
export async function getUser(request: Request, context: AppLoadContext): Promise<CurrentUser | null> {
  return (await authenticateWeb(request, context)).user;
}

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<CurrentUser> {
  const user = await getUser(request, context);
  if (!user) throw redirect(loginPath(request));
  return user;
}

/** Login and sign-up pages send people who are already signed in on to where they were going. */
export async function requireAnonymous(request: Request, context: AppLoadContext, destination: string): Promise<void> {
  if (await getUser(request, context)) throw redirect(destination);
}
