import type { AppContext } from "../context";
import { userSummaries } from "../content";
import { parseInput } from "../identity/parse-input";
import { suggestInputSchema, type Suggestions } from "./schemas";

/**
 * Suggestions while typing: a few note titles and members matching what has been typed so far (the
 * last word counts as a prefix). Blank input suggests nothing. Only published notes are indexed, so
 * a title shown here is one anyone may open.
 */
export async function suggest(ctx: Pick<AppContext, "db" | "search">, input: { q: string }): Promise<Suggestions> {
  const { q } = parseInput(suggestInputSchema, input);
  if (!q) return { notes: [], users: [] };
  const [notes, users] = await Promise.all([
    ctx.search.search("notes", { q, limit: 5 }),
    ctx.search.search("users", { q, limit: 3 }),
  ]);
  const summaries = await userSummaries(ctx, users.hits.map((h) => h.id));
  const names = new Map(users.hits.map((h) => [h.id, h.highlights.displayName]));
  return {
    notes: notes.hits.map((h) => ({ id: h.id, title: h.highlights.title ?? { text: "", ranges: [], cropped: false } })),
    users: summaries.map((u) => ({
      handle: u.handle,
      displayName: names.get(u.id) ?? { text: u.displayName, ranges: [], cropped: false },
      avatarUrl: u.avatarUrl,
    })),
  };
}
