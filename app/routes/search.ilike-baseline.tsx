import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { ilikeBaseline } from "~/utils/search.server";

/**
 * Bench only (BENCH_ROUTES=1): the naive way to search — `ILIKE '%q%'` over every published note —
 * answering like the search API, so `npm run bench` can report the engine's latency as a ratio to it.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.config.benchRoutes) throw new Response("Not Found", { status: 404 });
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  return json(await ilikeBaseline(context, q));
}
