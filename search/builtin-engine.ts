import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../db/client";
import type { SearchEngine, SearchHit, SearchRequest, SearchResponse } from "./engine";
import { editDistance, highlight } from "./highlight";
import { hanBigrams, hasHan, isLatinWord, segmentWords } from "./segment";
import {
  INDEX_SETTINGS,
  MAX_QUERY_WORDS,
  MAX_TOTAL_HITS,
  SEARCH_INDEX_VERSION,
  SYNONYMS,
  allowedTypos,
  type AnyDocument,
  type IndexName,
  type IndexSettings,
} from "./settings";
import { literalInt } from "../server/shared/sql-literal";
import { rowsOf } from "../server/shared/sql-rows";

/**
 * The embedded default: search inside the application's own database (PostgreSQL or PGlite), so a
 * fresh install needs no extra server and the index is as durable as the data.
 *
 * Indexing: every searchable field is segmented (Intl.Segmenter, see segment.ts), space-joined and
 * turned into a weighted `to_tsvector('simple', …)` — title A, topics/category/author B, body C — in a
 * GIN-indexed column of the type's table (search_notes, search_users). Latin words also go into
 * search_terms, a trigram-indexed vocabulary.
 *
 * Querying: the query is segmented the same way; each word becomes an OR group of itself, its
 * synonyms and — for Latin words — vocabulary words within Meilisearch's typo budget (found by
 * trigram similarity, confirmed by edit distance), the last one also as a prefix for search-as-you-
 * type. Groups are ANDed; if that finds nothing, ORed. Ranking: documents matching the words as
 * typed first, then ts_rank over the weights, then recency. Facet counts come from the same match.
 */
export function createBuiltinEngine(options: { db: Queryable }): SearchEngine {
  const { db } = options;

  const run = async <T>(query: SQL): Promise<T[]> => rowsOf<T>(await db.execute(query));

  async function currentGeneration(index: IndexName): Promise<number> {
    const [row] = await run<{ generation: number }>(
      sql`select generation from search_index_state where engine = 'builtin' and index_name = ${index}`,
    );
    return row?.generation ?? 0;
  }

  async function writeRows(index: IndexName, documents: readonly AnyDocument[], generation: number | SQL) {
    if (documents.length === 0) return;
    const settings = INDEX_SETTINGS[index] as IndexSettings<AnyDocument>;
    const terms = new Set<string>();
    const values = documents.map((doc) => {
      const row = rowOf(settings, doc);
      for (const t of row.latinTerms) terms.add(t);
      return sql`(${doc.id}, ${row.tsv}, ${JSON.stringify(row.fields)}::jsonb, ${row.facet}, ${row.sortTime}, ${row.sortCount}, ${generation})`;
    });
    await db.execute(sql`
      insert into ${sql.identifier(tableOf(index))} (id, tsv, fields, facet, sort_time, sort_count, generation)
      values ${sql.join(values, sql`, `)}
      on conflict (id) do update set tsv = excluded.tsv, fields = excluded.fields, facet = excluded.facet,
        sort_time = excluded.sort_time, sort_count = excluded.sort_count, generation = excluded.generation`);
    if (terms.size > 0) {
      const list = [...terms].map((t) => sql`(${t})`);
      await db.execute(sql`insert into search_terms (term) values ${sql.join(list, sql`, `)} on conflict do nothing`);
    }
  }

  return {
    kind: "builtin",

    async prepare() {
      // The tables come with the migrations; nothing to create at run time.
    },

    async upsert(index, documents) {
      // Written with the generation a running rebuild is producing, so a rebuild's final sweep keeps it.
      const generation = sql`coalesce((select generation from search_index_state where engine = 'builtin' and index_name = ${index}), 0)`;
      for (let i = 0; i < documents.length; i += 200) {
        await writeRows(index, documents.slice(i, i + 200) as AnyDocument[], generation);
      }
    },

    async delete(index, ids) {
      if (ids.length === 0) return;
      await db.execute(sql`delete from ${sql.identifier(tableOf(index))} where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    },

    async search(index, request) {
      return searchBuiltin(run, index, request);
    },

    async reindex(index, source, progress) {
      const generation = (await currentGeneration(index)) + 1;
      // Announce the generation first: upserts from consumers during the rebuild carry it too.
      await db.execute(sql`
        insert into search_index_state (engine, index_name, version, generation, documents, built_at)
        values ('builtin', ${index}, 0, ${generation}, 0, now())
        on conflict (engine, index_name) do update set generation = excluded.generation`);
      let done = 0;
      progress?.(0, source.total);
      for await (const batch of source.batches) {
        for (let i = 0; i < batch.length; i += 200) {
          await writeRows(index, batch.slice(i, i + 200) as AnyDocument[], generation);
        }
        done += batch.length;
        progress?.(done, Math.max(source.total, done));
      }
      // Rows the rebuild didn't write belong to documents that no longer qualify.
      await db.execute(sql`delete from ${sql.identifier(tableOf(index))} where generation < ${generation}`);
      await db.execute(sql`
        update search_index_state set version = ${SEARCH_INDEX_VERSION}, documents = ${done}, built_at = now()
        where engine = 'builtin' and index_name = ${index}`);
      return { documents: done };
    },

    async indexVersion(index) {
      const [row] = await run<{ version: number }>(
        sql`select version from search_index_state where engine = 'builtin' and index_name = ${index}`,
      );
      return row && row.version > 0 ? row.version : null;
    },

    async check() {
      await db.execute(sql`select 1 from search_index_state limit 1`);
    },
  };
}

const TABLES: Record<IndexName, string> = { notes: "search_notes", users: "search_users" };
function tableOf(index: IndexName): string {
  return TABLES[index];
}

function fieldText(value: unknown): string {
  if (Array.isArray(value)) return value.join(" ");
  if (value === null || value === undefined) return "";
  return String(value);
}

/** One document as its index row: weighted vector, original texts, facet and sort keys. */
function rowOf(settings: IndexSettings<AnyDocument>, doc: AnyDocument) {
  const record = doc as unknown as Record<string, unknown>;
  const parts: SQL[] = [];
  const fields: Record<string, string> = {};
  const latinTerms = new Set<string>();
  for (const { field, weight } of settings.searchable) {
    const text = fieldText(record[field]);
    fields[field] = text;
    const words = segmentWords(text);
    if (words.length === 0) continue;
    for (const w of words) if (w.length >= 4 && isLatinWord(w) && !/^\d+$/.test(w)) latinTerms.add(w);
    parts.push(sql`setweight(to_tsvector('simple', ${words.join(" ")}), ${weight}::"char")`);
    const pairs = hanBigrams(text);
    if (pairs.length > 0) parts.push(sql`setweight(to_tsvector('simple', ${pairs.join(" ")}), 'D')`);
  }
  const tsv = parts.length > 0 ? sql.join(parts, sql` || `) : sql`''::tsvector`;
  const facet = settings.facet ? ((record[settings.facet] as string | null | undefined) ?? null) : null;
  return {
    tsv,
    fields,
    facet,
    sortTime: Number(record[settings.sortTime] ?? 0),
    sortCount: Math.trunc(Number(record[settings.sortCount] ?? 0)),
    latinTerms,
  };
}

/** Synonym groups by member word (members segmented the same way queries are). */
const synonymsByWord = (() => {
  const map = new Map<string, string[][]>();
  for (const group of SYNONYMS) {
    const members = group.map((m) => segmentWords(m));
    for (const m of members) {
      if (m.length !== 1) continue;
      map.set(m[0]!, members.filter((x) => x.join(" ") !== m.join(" ")));
    }
  }
  return map;
})();

/** A tsquery fragment for one word or a phrase of segmented words (all letters and digits: safe). */
function phrase(words: readonly string[], prefix = false): string {
  const inner = words.join(" <-> ");
  const text = words.length > 1 ? `(${inner})` : inner;
  return prefix ? `${text}:*` : text;
}

/**
 * The segmenter cuts a word it doesn't know (保湿, 显白) into single characters, and a single character
 * matches nearly every Chinese note. Characters that stood side by side in the query are one word again
 * here, which the index finds through its character pairs.
 */
function joinSingleHan(q: string, words: string[]): string[] {
  const isSingleHan = (w: string) => w.length === 1 && /^\p{Script=Han}$/u.test(w);
  const out: { word: string; ofSingles: boolean; end: number }[] = [];
  let from = 0;
  for (const word of words) {
    const at = q.indexOf(word, from);
    const prev = out[out.length - 1];
    if (isSingleHan(word) && prev?.ofSingles && at === prev.end) {
      prev.word += word;
      prev.end = at + 1;
    } else {
      out.push({ word, ofSingles: isSingleHan(word), end: at >= 0 ? at + word.length : -1 });
    }
    if (at >= 0) from = at + word.length;
  }
  return out.map((w) => w.word);
}

export interface ParsedQuery {
  /** One entry per query word: the alternatives that count as that word. */
  groups: string[][];
  /** The words as typed, ANDed (for "exact matches first"). */
  exact: string;
  /** Every word a hit may contain, for highlighting. */
  highlightTerms: string[];
}

/**
 * Turns the reader's text into tsquery text. Typo corrections come from the vocabulary; `lookup`
 * returns its words similar to any of the given ones.
 */
export async function parseQuery(q: string, lookup: (words: string[]) => Promise<string[]>): Promise<ParsedQuery | null> {
  const words = [...new Set(joinSingleHan(q, segmentWords(q)))].slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return null;
  const typoCandidates = words.filter((w) => isLatinWord(w) && allowedTypos(w) > 0);
  const vocabulary = typoCandidates.length > 0 ? await lookup(typoCandidates) : [];
  const highlightTerms = new Set<string>();
  const groups = words.map((word, i) => {
    const last = i === words.length - 1;
    const alternatives = new Set<string>([phrase([word], last && isLatinWord(word))]);
    highlightTerms.add(word);
    for (const synonym of synonymsByWord.get(word) ?? []) {
      alternatives.add(phrase(synonym));
      synonym.forEach((w) => highlightTerms.add(w));
    }
    // A Chinese word the segmenter may have cut differently inside a document: its character pairs
    // in a row (a two-character word is its own pair, already covered by the word itself).
    const pairs = hasHan(word) && /^\p{Script=Han}+$/u.test(word) ? hanBigrams(word) : [];
    if (pairs.length > 1) alternatives.add(phrase(pairs));
    const budget = isLatinWord(word) ? allowedTypos(word) : 0;
    if (budget > 0) {
      for (const candidate of vocabulary) {
        if (candidate !== word && editDistance(word, candidate, budget) <= budget) {
          alternatives.add(phrase([candidate]));
          highlightTerms.add(candidate);
        }
      }
    }
    return [...alternatives];
  });
  const exact = words.map((w, i) => phrase([w], i === words.length - 1 && isLatinWord(w))).join(" & ");
  return { groups, exact, highlightTerms: [...highlightTerms] };
}

/** How many of a query's matches (the most popular) are ranked by relevance; see relevancePage. */
const RANK_POOL = 300;

async function searchBuiltin(
  run: <T>(query: SQL) => Promise<T[]>,
  index: IndexName,
  request: SearchRequest,
): Promise<SearchResponse> {
  const settings = INDEX_SETTINGS[index] as IndexSettings<AnyDocument>;
  const limit = clamp(request.limit ?? 20, 1, 100);
  const offset = clamp(request.offset ?? 0, 0, MAX_TOTAL_HITS);
  const none: SearchResponse = { hits: [], total: 0, facets: settings.facet ? {} : null };

  const parsed = await parseQuery(request.q, async (words) => {
    const rows = await run<{ term: string }>(
      sql`select term from search_terms where ${sql.join(words.map((w) => sql`term % ${w}`), sql` or `)} limit 50`,
    );
    return rows.map((r) => r.term);
  });
  if (!parsed) return none;

  const table = sql.identifier(tableOf(index));
  const facetFilter = settings.facet && request.facetValue ? sql`and facet = ${request.facetValue}` : sql``;
  const strict = parsed.groups.map((g) => `(${g.join(" | ")})`).join(" & ");
  const loose = parsed.groups.map((g) => `(${g.join(" | ")})`).join(" | ");

  const counts = async (tsquery: string) =>
    settings.facet
      ? run<{ facet: string | null; n: number }>(sql`
          select facet, count(*)::int as n from ${table} where tsv @@ to_tsquery('simple', ${tsquery}) group by facet`)
      : run<{ facet: string | null; n: number }>(sql`
          select null as facet, count(*)::int as n from ${table} where tsv @@ to_tsquery('simple', ${tsquery})`);
  const pageLimit = Math.min(limit, MAX_TOTAL_HITS - offset);

  /*
   * Relevance order in one scan of the matches. Ranking reads each document's tsvector, which is what
   * made a common word slow (ts_rank over thousands of notes to show 20), so only the RANK_POOL most
   * popular matches are ranked by relevance — exact phrase first, then ts_rank — and any further
   * matches follow by popularity; a query with fewer matches than the pool ranks them all, as before.
   * The facet counts come from the same scan, in the same statement.
   */
  const relevancePage = async (tsquery: string) => {
    const pooled = sql`select t.id, t.fields, 0 as part, (t.tsv @@ to_tsquery('simple', ${parsed.exact}))::int as exact,
        ts_rank(t.tsv, to_tsquery('simple', ${tsquery})) as rank, t.sort_count, t.sort_time
      from pool join ${table} t on t.id = pool.id`;
    // Beyond the pool (deep pages of a common word): the rest of the matches, by popularity.
    const rest = sql`select t.id, t.fields, 1 as part, 0 as exact, 0::real as rank, t.sort_count, t.sort_time
      from (select id from m where true ${facetFilter} order by sort_count desc, sort_time desc, id desc offset ${literalInt(RANK_POOL)}) r
      join ${table} t on t.id = r.id`;
    const rows = await run<{ kind: "hit" | "facet"; id: string | null; fields: Record<string, string> | string | null; facet: string | null; n: number }>(sql`
      with m as materialized (
        select id, facet, sort_count, sort_time from ${table} where tsv @@ to_tsquery('simple', ${tsquery})),
      f as (select ${settings.facet ? sql`facet` : sql`null::text`} as facet, count(*)::int as n from m group by 1),
      pool as (select id from m where true ${facetFilter} order by sort_count desc, sort_time desc, id desc limit ${literalInt(RANK_POOL)}),
      page as (
        select id, fields from (${pooled} ${offset + pageLimit > RANK_POOL ? sql`union all ${rest}` : sql``}) o
        order by part, exact desc, rank desc, sort_count desc, sort_time desc, id desc
        limit ${literalInt(pageLimit)} offset ${literalInt(offset)})
      select 'hit' as kind, id, fields, null::text as facet, 0 as n from page
      union all
      select 'facet' as kind, null as id, null as fields, facet, n from f`);
    return {
      facetRows: rows.filter((r) => r.kind === "facet").map((r) => ({ facet: r.facet, n: Number(r.n) })),
      hitRows: rows.filter((r) => r.kind === "hit") as { id: string; fields: Record<string, string> | string }[],
    };
  };

  const byRelevance = request.sort !== "latest" && request.sort !== "popular";
  let tsquery = strict;
  let first = byRelevance ? await relevancePage(strict) : { facetRows: await counts(strict), hitRows: null };
  if (first.facetRows.length === 0 && parsed.groups.length > 1) {
    // No document has every word: fall back to any word, ranked by how many (and how well) match.
    tsquery = loose;
    first = byRelevance ? await relevancePage(loose) : { facetRows: await counts(loose), hitRows: null };
  }
  const facetRows = first.facetRows;
  const facets: Record<string, number> = {};
  let all = 0;
  for (const r of facetRows) {
    all += r.n;
    if (r.facet !== null) facets[r.facet] = r.n;
  }
  const total = settings.facet && request.facetValue ? (facets[request.facetValue] ?? 0) : all;
  if (total === 0 || offset >= Math.min(total, MAX_TOTAL_HITS)) {
    return { hits: [], total, facets: settings.facet ? facets : null };
  }

  const order = request.sort === "latest" ? sql`sort_time desc, id desc` : sql`sort_count desc, sort_time desc, id desc`;
  const rows =
    first.hitRows ??
    (await run<{ id: string; fields: Record<string, string> | string }>(sql`
      select id, fields from ${table}
      where tsv @@ to_tsquery('simple', ${tsquery}) ${facetFilter}
      order by ${order}
      limit ${literalInt(pageLimit)} offset ${literalInt(offset)}`));

  const hits: SearchHit[] = rows.map((r) => {
    const fields = typeof r.fields === "string" ? (JSON.parse(r.fields) as Record<string, string>) : r.fields;
    const highlights: SearchHit["highlights"] = {};
    for (const { field } of settings.searchable) {
      highlights[field] = highlight(fields[field] ?? "", parsed.highlightTerms, field === settings.cropField);
    }
    return { id: r.id, highlights };
  });
  return { hits, total, facets: settings.facet ? facets : null };
}

function clamp(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : min;
}
