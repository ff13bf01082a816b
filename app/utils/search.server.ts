/**
 * The search context as the /search page and its suggestions use it. Routes import server code only
 * through `.server` modules, so none of it reaches the browser.
 */
import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { search, type SearchResult, type SearchType } from "../../server/search";
import { isAppError } from "../../server/shared/errors";
import { loadPostCards, type Viewer } from "../../server/content";

export { suggest } from "../../server/search";
export type { HighlightedView, NoteHit, SearchResult, SearchType, Suggestions, UserHit } from "../../server/search";

export type SearchPage =
  | { state: "start"; q: string; type: SearchType }
  | { state: "invalid"; q: string; type: SearchType }
  | { state: "results"; q: string; type: SearchType; category: string | null; result: SearchResult };

/**
 * Reads ?q=&type=&category=&cursor= and searches. A blank query shows the start state; input the
 * search refuses (a too-long query, a damaged cursor) shows a friendly message instead of an error.
 */
export async function searchPage(context: AppLoadContext, url: URL, viewer: Viewer): Promise<SearchPage> {
  const q = (url.searchParams.get("q") ?? "").trim();
  const type: SearchType = url.searchParams.get("type") === "users" ? "users" : "notes";
  const category = url.searchParams.get("category") || null;
  if (!q) return { state: "start", q, type };
  try {
    const result = await search(
      context,
      { q, type, category: category ?? undefined, cursor: url.searchParams.get("cursor") ?? undefined, limit: 20 },
      viewer,
    );
    return { state: "results", q, type, category, result };
  } catch (error) {
    if (isAppError(error) && error.code === "VALIDATION_FAILED") return { state: "invalid", q: q.slice(0, 100), type };
    throw error;
  }
}

/**
 * The naive search the bench compares the engine with: a sequential ILIKE scan of titles and bodies,
 * newest first, then the same cards the search API returns. Never used by the app itself.
 */
export async function ilikeBaseline(context: AppLoadContext, q: string) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const result = await context.db.execute(sql`
    select id from posts
    where status = 'published' and (title ilike ${pattern} or body ilike ${pattern})
    order by published_at desc limit 20`);
  const rows = (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as { id: string }[];
  return { notes: await loadPostCards(context, rows.map((r) => r.id), null) };
}
