/**
 * Search engines and indexing: one interface (engine.ts), two engines (the built-in one on the
 * application database, Meilisearch when MEILI_HOST is set), index settings as code (settings.ts).
 * The search context (server/search) builds documents and keeps the indexes in sync.
 */
import { Meilisearch } from "meilisearch";
import type { Queryable } from "../db/client";
import type { Config } from "../server/config";
import { createBuiltinEngine } from "./builtin-engine";
import type { SearchEngine } from "./engine";
import { createMeilisearchEngine } from "./meilisearch-engine";

export type { Highlighted, ReindexProgress, SearchEngine, SearchHit, SearchRequest, SearchResponse } from "./engine";
export { createBuiltinEngine, parseQuery } from "./builtin-engine";
export { createMeilisearchEngine, meilisearchSettings } from "./meilisearch-engine";
export { highlight, parseMarked, editDistance, mergeRanges } from "./highlight";
export { segmentWords, normalizeText, isLatinWord } from "./segment";
export * from "./settings";

/**
 * The engine the configuration asks for, working on `db`. The built-in engine is a thin object over
 * whatever it is given — the pool, or an outbox delivery's transaction, so index writes commit with
 * the delivery. Meilisearch's client is created once per configuration and reused.
 */
export function createSearchEngine(config: Pick<Config, "search">, db: Queryable): SearchEngine {
  if (config.search.kind === "builtin") return createBuiltinEngine({ db });
  const search = config.search;
  let client = meiliClients.get(search);
  if (!client) {
    client = new Meilisearch({ host: search.host, apiKey: search.apiKey });
    meiliClients.set(search, client);
  }
  return createMeilisearchEngine({ host: search.host, apiKey: search.apiKey, db, client });
}

const meiliClients = new WeakMap<object, Meilisearch>();
