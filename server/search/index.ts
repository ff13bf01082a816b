/**
 * The search context: documents built from notes and members, consumers that keep the indexes in
 * sync from the outbox, rebuilds, and the search and suggestion use cases. Engines live in search/.
 */
export { search } from "./search";
export { suggest } from "./suggest";
export { reindexSearch, staleIndexes, backfillSearchOnStart } from "./reindex";
export { searchConsumers, searchIndexNotes, searchIndexUsers } from "./sync-index";
export { loadNoteDocuments, loadUserDocuments } from "./documents";
export * from "./schemas";
