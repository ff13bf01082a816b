/**
 * `npm run search:reindex [notes|users …]`: rebuilds search indexes from the configured database
 * (DATABASE_URL or the PGlite data folder; MEILI_HOST for Meilisearch), with a progress bar. Searches
 * keep answering from the old index until each rebuild completes. Don't point it at a PGlite folder a
 * running app has open: PGlite serves one process (the app rebuilds stale indexes itself at start).
 */
import { openDatabase } from "../db/client";
import { runMigrations } from "../db/migrate";
import { loadConfig } from "../server/config";
import { reindexSearch } from "../server/search";
import { createSearchEngine } from "./index";
import { INDEX_NAMES, type IndexName } from "./settings";

function bar(index: string, done: number, total: number, started: number) {
  const width = 30;
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const line = `${index.padEnd(6)} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total} ${seconds} s`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
}

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(INDEX_NAMES as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`Unknown index: ${unknown.join(", ")}. Indexes: ${INDEX_NAMES.join(", ")}.`);
  process.exit(2);
}

const config = loadConfig();
const handle = await openDatabase(
  config.database.kind === "postgres"
    ? { kind: "postgres", url: config.database.url, poolSize: 2 }
    : { kind: "pglite", dir: config.database.dir },
);
try {
  await runMigrations(handle);
  const search = createSearchEngine(config, handle.db);
  await search.prepare();
  const started = performance.now();
  let last = 0;
  const written = await reindexSearch(
    { db: handle.db, search },
    {
      indexes: requested.length > 0 ? (requested as IndexName[]) : undefined,
      progress: (index) => (done, total) => {
        // Redraw at most ten times a second, and always at the end.
        const now = performance.now();
        if (done < total && now - last < 100) return;
        last = now;
        bar(index, done, total, started);
        if (done >= total && process.stderr.isTTY) process.stderr.write("\n");
      },
    },
  );
  console.log(`Reindexed (${search.kind}): ${Object.entries(written).map(([k, v]) => `${k} ${v}`).join(", ")}`);
} finally {
  await handle.close();
}
