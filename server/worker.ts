/**
 * `npm run worker`: a process that only runs jobs — the outbox processor and the scheduler — for
 * deployments where web nodes run with RUN_JOBS=0. Start as many as you like; they share the work
 * through row locks and never process anything twice.
 */
import { openDatabase } from "../db/client";
import { runMigrations } from "../db/migrate";
import { createSearchEngine } from "../search";
import { consumers } from "./jobs/consumers";
import { createJobRunner } from "./jobs/runner";
import { schedules } from "./jobs/schedules";
import { createRealtimePublisher } from "./realtime";
import { backfillSearchOnStart } from "./search";
import { systemClock } from "./shared/clock";
import { createLogger } from "./shared/logger";
import { loadConfigOrExit, stopOnSignals } from "./shared/process";

async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, name: "seedbed-worker" });
  if (config.database.kind === "pglite") {
    // PGlite is one process's database: a worker beside `npm start` would open the same directory twice.
    logger.warn("no DATABASE_URL: the worker opens the embedded PGlite database; do not run `npm start` on the same data at once");
  }
  const dbHandle = await openDatabase(
    config.database.kind === "postgres"
      ? { kind: "postgres", url: config.database.url, poolSize: Math.min(config.database.poolSize, 5) }
      : { kind: "pglite", dir: config.database.dir },
  );
  await runMigrations(dbHandle);
  // With REDIS_URL, pushes reach sockets on every app node through the Redis adapter.
  const realtime = await createRealtimePublisher(config, { logger });

  const runner = createJobRunner({
    db: dbHandle.db,
    logger,
    clock: systemClock,
    consumers,
    schedules,
    context: { config, realtime: realtime.publisher },
  });
  runner.start();
  // Workers are the job runners when web nodes run with RUN_JOBS=0, so they also rebuild search indexes
  // that were never built or were built by an older SEARCH_INDEX_VERSION (several workers: each index
  // build is idempotent, the last one wins).
  const search = createSearchEngine(config, dbHandle.db);
  await search.prepare().catch((err: unknown) => logger.error({ err }, "search engine not prepared; the backfill waits for the next start"));
  const backfill = backfillSearchOnStart({ db: dbHandle.db, search, logger });
  logger.info({ database: dbHandle.kind }, "worker running");

  stopOnSignals(logger, async () => {
    await backfill.stop();
    await runner.stop(); // the delivery in hand commits or rolls back first
    await realtime.close();
    await dbHandle.close();
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
