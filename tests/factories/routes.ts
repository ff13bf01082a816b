import type { AppLoadContext } from "@remix-run/node";

/** A Remix route module as page tests call it: Remix's own types are wider than what the pages return. */
export type RouteArgs = { request: Request; context: AppLoadContext; params: Record<string, string> };
export type Route = { loader?: (args: RouteArgs) => unknown; action?: (args: RouteArgs) => unknown };
export const asRoute = (module: object) => module as Route;

/**
 * Calls route loaders and actions the way Remix does for a plain GET and a plain form POST, with an
 * optional session cookie, so page tests exercise the same code a browser without JavaScript reaches.
 */
export function routeCaller(context: AppLoadContext) {
  return {
    get: async (route: Route, path: string, cookie?: string, params: Record<string, string> = {}) =>
      (await route.loader!({ request: new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} }), context, params })) as Response,
    post: async (route: Route, path: string, cookie: string, form: Record<string, string>, params: Record<string, string> = {}) =>
      (await route.action!({
        request: new Request(`http://localhost${path}`, { method: "POST", headers: { cookie }, body: new URLSearchParams(form) }),
        context,
        params,
      })) as Response,
  };
}

/** The Response a loader or action threw (a redirect, a 403 …); fails when it returned instead. */
export async function thrown(p: unknown): Promise<Response> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown response");
}
