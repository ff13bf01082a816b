import { z } from "zod";
import { MAX_TOTAL_HITS, type Highlighted } from "../../search";
import type { AppContext } from "../context";
import { listCategories, loadPostCards, userSummaries, type Viewer } from "../content";
import { decodeCursor, encodeCursor } from "../content/feeds/cursor";
import { parseInput } from "../identity/parse-input";
import { searchInputSchema, type SearchInput, type SearchResult } from "./schemas";

const offsetCursor = z.strictObject({ o: z.number().int().min(0).max(MAX_TOTAL_HITS) });
const empty: Highlighted = { text: "", ranges: [], cropped: false };

/**
 * Searches notes or members for `viewer`. The engine finds ids and highlights; the cards come from
 * the database as every feed builds them (loadPostCards), so a note whose document is stale — hidden
 * a moment ago, its author suspended — is still never shown. Category counts are the matches per
 * category for the whole query. An unknown category finds nothing; bad input is VALIDATION_FAILED.
 */
export async function search(
  ctx: Pick<AppContext, "db" | "search">,
  input: SearchInput,
  viewer: Viewer,
): Promise<SearchResult> {
  const { q, type, category, sort, cursor, page, limit } = parseInput(searchInputSchema, input);
  const offset = cursor ? decodeCursor(offsetCursor, cursor).o : page ? (page - 1) * limit : 0;
  const index = type === "users" ? "users" : "notes";
  const res = await ctx.search.search(index, { q, facetValue: type === "notes" ? (category ?? null) : null, sort, offset, limit });
  const end = offset + res.hits.length;
  const nextCursor = res.hits.length === limit && end < Math.min(res.total, MAX_TOTAL_HITS) ? encodeCursor({ o: end }) : null;
  const result: SearchResult = { q, type, total: res.total, categories: [], notes: [], users: [], nextCursor };

  if (type === "notes") {
    const [cards, categories] = await Promise.all([
      loadPostCards(ctx, res.hits.map((h) => h.id), viewer?.id ?? null),
      res.facets && Object.keys(res.facets).length > 0 ? listCategories(ctx) : Promise.resolve([]),
    ]);
    const byId = new Map(res.hits.map((h) => [h.id, h.highlights]));
    result.notes = cards.map((card) => {
      const h = byId.get(card.id) ?? {};
      return { ...card, highlight: { title: h.title ?? { text: card.title, ranges: [], cropped: false }, snippet: h.body ?? empty } };
    });
    result.categories = categories
      .map((c) => ({ slug: c.slug, nameZh: c.nameZh, nameEn: c.nameEn, count: res.facets?.[c.slug] ?? 0 }))
      .filter((c) => c.count > 0)
      .sort((a, b) => b.count - a.count);
  } else {
    const summaries = await userSummaries(ctx, res.hits.map((h) => h.id));
    const byId = new Map(res.hits.map((h) => [h.id, h.highlights]));
    result.users = summaries.map((user) => {
      const h = byId.get(user.id) ?? {};
      return {
        user,
        bio: h.bio?.text ?? "",
        highlight: {
          displayName: h.displayName ?? { text: user.displayName, ranges: [], cropped: false },
          handle: h.handle ?? { text: user.handle, ranges: [], cropped: false },
          bio: h.bio ?? empty,
        },
      };
    });
  }
  return result;
}
