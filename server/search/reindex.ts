import type { Queryable } from "../../db/client";
import { SEARCH_INDEX_VERSION, type IndexName, type ReindexProgress, type SearchEngine } from "../../search";
import type { Logger } from "../shared/logger";
import { countSources, loadNoteDocuments, loadUserDocuments } from "./documents";

const PAGE = 500;

async function* pages<D extends { id: string }>(
  load: (afterId: string | null) => Promise<D[]>,
  signal: AbortSignal | undefined,
): AsyncIterable<D[]> {
  for (let after: string | null = null; ; ) {
    // Throwing (not ending) on abort matters: an ended source would make the engine sweep every
    // document not yet rewritten.
    signal?.throwIfAborted();
    const batch = await load(after);
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1]!.id;
  }
}

/**
 * Rebuilds indexes from the database (all of them, or the ones named), without downtime: searches
 * answer from the old contents until each rebuild completes. Used by `npm run search:reindex` and at
 * start-up when an index was never built or was built with an older SEARCH_INDEX_VERSION.
 */
export async function reindexSearch(
  ctx: { db: Queryable; search: SearchEngine },
  options: { indexes?: readonly IndexName[]; progress?: (index: IndexName) => ReindexProgress; signal?: AbortSignal } = {},
): Promise<Record<string, number>> {
  const indexes = options.indexes ?? (["users", "notes"] as const);
  const totals = await countSources(ctx.db);
  const written: Record<string, number> = {};
  for (const index of indexes) {
    const progress = options.progress?.(index);
    if (index === "notes") {
      const source = { total: totals.notes, batches: pages((afterId) => loadNoteDocuments(ctx.db, { afterId, limit: PAGE }), options.signal) };
      written.notes = (await ctx.search.reindex("notes", source, progress)).documents;
    } else {
      const source = { total: totals.users, batches: pages((afterId) => loadUserDocuments(ctx.db, { afterId, limit: PAGE }), options.signal) };
      written.users = (await ctx.search.reindex("users", source, progress)).documents;
    }
  }
  return written;
}

/** The indexes whose stored version is missing or older than the code's. */
export async function staleIndexes(search: SearchEngine): Promise<IndexName[]> {
  const stale: IndexName[] = [];
  for (const index of ["users", "notes"] as const) {
    const version = await search.indexVersion(index);
    if (version === null || version < SEARCH_INDEX_VERSION) stale.push(index);
  }
  return stale;
}

/**
 * At start-up: rebuilds stale indexes in the background. `firstBuild()` resolves true while a first
 * build (an index that never existed) is under way, so readiness can wait for it; a version bump
 * rebuilds while the old index keeps answering, so the app stays ready meanwhile.
 */
export function backfillSearchOnStart(ctx: { db: Queryable; search: SearchEngine; logger: Logger }): {
  firstBuild: () => Promise<boolean>;
  /** Stops a rebuild in progress (the old index stays) and resolves once it has stopped. */
  stop: () => Promise<void>;
} {
  const abort = new AbortController();
  let building = true;
  let resolveDecided: (first: boolean) => void = () => {};
  const decided = new Promise<boolean>((resolve) => (resolveDecided = resolve));
  const done = (async () => {
    try {
      const stale = await staleIndexes(ctx.search);
      const versions = await Promise.all(stale.map((i) => ctx.search.indexVersion(i)));
      resolveDecided(versions.some((v) => v === null));
      if (stale.length === 0) return;
      const started = performance.now();
      const written = await reindexSearch(ctx, { indexes: stale, signal: abort.signal });
      ctx.logger.info({ written, ms: Math.round(performance.now() - started) }, "search indexes rebuilt");
    } catch (err) {
      if (abort.signal.aborted) ctx.logger.info("search index rebuild stopped; it restarts at the next start");
      else ctx.logger.error({ err }, "search index rebuild failed; run npm run search:reindex");
    } finally {
      resolveDecided(false);
      building = false;
    }
  })();
  return {
    firstBuild: async () => building && (await decided),
    stop: async () => {
      abort.abort();
      await done;
    },
  };
}
