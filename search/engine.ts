import type { DocumentTypes, IndexName, SearchSort } from "./settings";

/**
 * Part of a field's text with the ranges that matched the query, as [start, end) offsets into `text`
 * (UTF-16, as JavaScript strings index). Structured data, never markup: the UI wraps the ranges in
 * <mark>, so nothing from a document or an engine is ever rendered as HTML.
 */
export interface Highlighted {
  text: string;
  ranges: [number, number][];
  /** True when `text` is a snippet cut out of a longer field. */
  cropped: boolean;
}

export interface SearchRequest {
  /** What the reader typed. Blank finds nothing (search is not a browse). */
  q: string;
  /** Narrows to one value of the index's facet (a category slug). */
  facetValue?: string | null;
  sort?: SearchSort;
  /** 0-based; offset + limit never exceeds MAX_TOTAL_HITS. */
  offset?: number;
  limit?: number;
}

export interface SearchHit {
  id: string;
  /** Highlighted searchable fields (long ones cropped to a snippet), keyed by field name. */
  highlights: Record<string, Highlighted>;
}

export interface SearchResponse {
  hits: SearchHit[];
  /** How many documents match (capped at MAX_TOTAL_HITS), ignoring offset and limit. */
  total: number;
  /**
   * Matches per facet value for the query *without* the facet filter, so every category chip shows
   * what choosing it would give; null for an index without a facet.
   */
  facets: Record<string, number> | null;
}

/** Reports progress of a reindex: documents written so far of the expected total. */
export type ReindexProgress = (done: number, total: number) => void;

/**
 * The one search interface. Every method is idempotent: upserting a document twice, or deleting a
 * missing one, is fine — callers (outbox consumers) run at least once.
 */
export interface SearchEngine {
  readonly kind: "builtin" | "meilisearch";
  /** Creates indexes and applies INDEX_SETTINGS; safe to call on every start. */
  prepare(): Promise<void>;
  upsert<I extends IndexName>(index: I, documents: readonly DocumentTypes[I][]): Promise<void>;
  delete(index: IndexName, ids: readonly string[]): Promise<void>;
  search(index: IndexName, request: SearchRequest): Promise<SearchResponse>;
  /**
   * Rebuilds an index from scratch without downtime: searches keep answering from the old contents
   * until the new ones are complete, then switch at once. Documents absent from `source` are gone
   * afterwards. Records SEARCH_INDEX_VERSION as the index's version.
   */
  reindex<I extends IndexName>(
    index: I,
    source: { total: number; batches: AsyncIterable<readonly DocumentTypes[I][]> },
    progress?: ReindexProgress,
  ): Promise<{ documents: number }>;
  /** The version the index was last fully built with, or null if it never was. */
  indexVersion(index: IndexName): Promise<number | null>;
  /** Throws when the engine cannot answer (for /readyz). */
  check(): Promise<void>;
}
