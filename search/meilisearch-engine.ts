import { Meilisearch, type Settings } from "meilisearch";
import { sql } from "drizzle-orm";
import type { Queryable } from "../db/client";
import type { Highlighted, SearchEngine, SearchHit } from "./engine";
import { parseMarked } from "./highlight";
import {
  INDEX_SETTINGS,
  MAX_TOTAL_HITS,
  SEARCH_INDEX_VERSION,
  SYNONYMS,
  TYPO_TOLERANCE,
  type AnyDocument,
  type IndexName,
  type IndexSettings,
} from "./settings";

// Highlight markers: control characters no document holds, parsed into ranges (never rendered).
const PRE = "\u0002";
const POST = "\u0003";
const CROP = "…";
const BATCH = 1000;

/** INDEX_SETTINGS as Meilisearch index settings. */
export function meilisearchSettings(index: IndexName): Settings {
  const s = INDEX_SETTINGS[index] as IndexSettings<AnyDocument>;
  const synonyms: Record<string, string[]> = {};
  for (const group of SYNONYMS) for (const word of group) synonyms[word] = group.filter((w) => w !== word);
  return {
    searchableAttributes: s.searchable.map((a) => a.field),
    filterableAttributes: s.facet ? [s.facet] : [],
    sortableAttributes: [s.sortTime, s.sortCount],
    displayedAttributes: ["id", ...s.searchable.map((a) => a.field)],
    // Meilisearch's default order, with recency as the final tie-break.
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", `${s.sortTime}:desc`],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: TYPO_TOLERANCE.oneTypo, twoTypos: TYPO_TOLERANCE.twoTypos },
    },
    synonyms,
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    faceting: { maxValuesPerFacet: 100 },
    // Chinese first: Meilisearch's charabia segments CJK by dictionary when told the language.
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn", "eng"] }],
  };
}

/**
 * Meilisearch behind the search interface, through the official client. Settings are applied as
 * code on prepare() and before every rebuild; writes wait for their task so a caller (an outbox
 * consumer) only succeeds once the change is in. A rebuild fills `<uid>_next` and swaps it with the
 * live index in one atomic task, so searches never see a half-built index. Index versions are kept
 * in the application database (search_index_state), next to the built-in engine's.
 */
export function createMeilisearchEngine(options: {
  host: string;
  apiKey?: string;
  db: Queryable;
  /** Prepended to index uids, so several installs (or test runs) can share one server. */
  prefix?: string;
  /** A client to share (one per process); created from host and key otherwise. */
  client?: Meilisearch;
}): SearchEngine {
  const client = options.client ?? new Meilisearch({ host: options.host, apiKey: options.apiKey });
  const prefix = options.prefix ?? "seedbed_";
  const uid = (index: IndexName) => `${prefix}${index}`;

  async function applySettings(indexUid: string, index: IndexName) {
    const exists = await client.getIndex(indexUid).then(
      () => true,
      () => false,
    );
    if (!exists) await client.createIndex(indexUid, { primaryKey: "id" }).waitTask();
    await client.index(indexUid).updateSettings(meilisearchSettings(index)).waitTask();
  }

  return {
    kind: "meilisearch",

    async prepare() {
      for (const index of Object.keys(INDEX_SETTINGS) as IndexName[]) await applySettings(uid(index), index);
    },

    async upsert(index, documents) {
      if (documents.length === 0) return;
      const task = await client
        .index(uid(index))
        .addDocuments(documents as unknown as Record<string, unknown>[], { primaryKey: "id" })
        .waitTask();
      if (task.status === "failed") throw new Error(`Meilisearch upsert failed: ${task.error?.message ?? "unknown"}`);
    },

    async delete(index, ids) {
      if (ids.length === 0) return;
      const task = await client.index(uid(index)).deleteDocuments([...ids]).waitTask();
      if (task.status === "failed") throw new Error(`Meilisearch delete failed: ${task.error?.message ?? "unknown"}`);
    },

    async search(index, request) {
      const s = INDEX_SETTINGS[index] as IndexSettings<AnyDocument>;
      const limit = Math.min(100, Math.max(1, request.limit ?? 20));
      const offset = Math.min(MAX_TOTAL_HITS, Math.max(0, request.offset ?? 0));
      if (!request.q.trim()) return { hits: [], total: 0, facets: s.facet ? {} : null };
      const sort =
        request.sort === "latest"
          ? [`${s.sortTime}:desc`]
          : request.sort === "popular"
            ? [`${s.sortCount}:desc`, `${s.sortTime}:desc`]
            : undefined;
      // The facet value goes in as a JSON string literal, so quotes or operators in it stay data.
      const filter = s.facet && request.facetValue ? `${s.facet} = ${JSON.stringify(request.facetValue)}` : undefined;
      const res = await client.index(uid(index)).search(request.q, {
        limit,
        offset,
        filter,
        sort,
        facets: s.facet ? [s.facet] : undefined,
        attributesToHighlight: s.searchable.map((a) => a.field),
        attributesToCrop: s.cropField ? [s.cropField] : undefined,
        cropLength: 40,
        cropMarker: CROP,
        highlightPreTag: PRE,
        highlightPostTag: POST,
      });
      let facets: Record<string, number> | null = null;
      if (s.facet) {
        facets = { ...(res.facetDistribution?.[s.facet] ?? {}) };
        if (filter) {
          // Counts for every chip come from the query without the facet filter.
          const unfiltered = await client.index(uid(index)).search(request.q, { limit: 0, facets: [s.facet] });
          facets = { ...(unfiltered.facetDistribution?.[s.facet] ?? {}) };
        }
      }
      const hits: SearchHit[] = res.hits.map((hit) => {
        const formatted = (hit._formatted ?? {}) as Record<string, unknown>;
        const highlights: Record<string, Highlighted> = {};
        for (const { field } of s.searchable) {
          const value = formatted[field];
          const text = Array.isArray(value) ? value.join(" ") : typeof value === "string" ? value : "";
          highlights[field] = parseMarked(text, PRE, POST, CROP);
        }
        return { id: String(hit.id), highlights };
      });
      return { hits, total: res.estimatedTotalHits ?? hits.length, facets };
    },

    async reindex(index, source, progress) {
      const live = uid(index);
      const next = `${live}_next`;
      await client.deleteIndexIfExists(next);
      await applySettings(next, index);
      await applySettings(live, index); // the swap needs both to exist
      let done = 0;
      progress?.(0, source.total);
      for await (const batch of source.batches) {
        for (let i = 0; i < batch.length; i += BATCH) {
          const part = batch.slice(i, i + BATCH) as unknown as Record<string, unknown>[];
          const task = await client.index(next).addDocuments(part, { primaryKey: "id" }).waitTask();
          if (task.status === "failed") throw new Error(`Meilisearch reindex failed: ${task.error?.message ?? "unknown"}`);
        }
        done += batch.length;
        progress?.(done, Math.max(source.total, done));
      }
      await client.swapIndexes([{ indexes: [live, next], rename: false }]).waitTask();
      await client.deleteIndex(next).waitTask();
      await options.db.execute(sql`
        insert into search_index_state (engine, index_name, version, generation, documents, built_at)
        values ('meilisearch', ${index}, ${SEARCH_INDEX_VERSION}, 0, ${done}, now())
        on conflict (engine, index_name) do update set version = excluded.version, documents = excluded.documents, built_at = excluded.built_at`);
      return { documents: done };
    },

    async indexVersion(index) {
      const result = await options.db.execute(
        sql`select version from search_index_state where engine = 'meilisearch' and index_name = ${index}`,
      );
      const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
      const row = rows[0] as { version: number } | undefined;
      return row ? row.version : null;
    },

    async check() {
      await client.health();
    },
  };
}
