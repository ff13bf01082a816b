import { customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, doublePrecision } from "drizzle-orm/pg-core";

/** PostgreSQL's full-text vector; written with to_tsvector / setweight, never read back in JS. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The built-in search engine's index of one document type (see search/builtin-engine.ts). Every type
 * has the same columns: its words segmented and weighted in `tsv` (GIN-indexed), the original
 * searchable fields for highlighting, one facet value, and the two sort keys. `generation` lets a
 * rebuild write new rows beside the old ones and sweep what it didn't see, without downtime.
 */
function searchIndexTable<N extends string>(name: N) {
  return pgTable(
    name,
    {
      id: text("id").primaryKey(),
      tsv: tsvector("tsv").notNull(),
      fields: jsonb("fields").$type<Record<string, string>>().notNull(),
      facet: text("facet"),
      sortTime: doublePrecision("sort_time").notNull().default(0),
      sortCount: integer("sort_count").notNull().default(0),
      generation: integer("generation").notNull().default(0),
    },
    (t) => [
      index(`${name}_tsv_idx`).using("gin", t.tsv),
      index(`${name}_facet_idx`).on(t.facet),
      index(`${name}_time_idx`).on(t.sortTime, t.id),
      index(`${name}_count_idx`).on(t.sortCount, t.id),
    ],
  );
}

export const searchNotes = searchIndexTable("search_notes");
export const searchUsers = searchIndexTable("search_users");

/**
 * Every Latin word the built-in engine has indexed, for typo tolerance: a query word with no exact
 * match is corrected to its trigram-similar neighbours here (lipstik → lipstick). Words are never
 * removed; a stale one only costs a lookup that matches nothing.
 */
export const searchTerms = pgTable(
  "search_terms",
  { term: text("term").primaryKey() },
  (t) => [index("search_terms_trgm_idx").using("gin", t.term.op("gin_trgm_ops"))],
);

/** Which version of the index settings each engine's index was last fully built with. */
export const searchIndexState = pgTable(
  "search_index_state",
  {
    engine: text("engine").$type<"builtin" | "meilisearch">().notNull(),
    indexName: text("index_name").notNull(),
    version: integer("version").notNull(),
    generation: integer("generation").notNull().default(0),
    documents: integer("documents").notNull().default(0),
    builtAt: timestamp("built_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.engine, t.indexName] })],
);

export type SearchIndexRow = typeof searchNotes.$inferSelect;
