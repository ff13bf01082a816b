import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { suggest } from "~/utils/search.server";

/** GET /search/suggest?q= — suggestions while typing (JSON for the search box). Bad input suggests nothing. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  const suggestions = await suggest(context, { q });
  return json(suggestions, { headers: { "Cache-Control": "private, max-age=30" } });
}
