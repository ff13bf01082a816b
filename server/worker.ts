/**
 * `npm run worker`: a process that only runs jobs — the outbox processor and the scheduler — for
 * deployments where web nodes run with RUN_JOBS=0. Start as many as you like; they share the work
 * through row locks and never process anything twice.
 */
import { openDatabase } from "../db/client";
import { runMigrations } from "../db/migrate";
import { ConfigError, loadConfig } from "./config";
import { consumers } from "./jobs/consumers";
import { createJobRunner } from "./jobs/runner";
import { schedules } from "./jobs/schedules";
import { createRealtimePublisher } from "./realtime";
import { systemClock } from "./shared/clock";
import { createLogger } from "./shared/logger";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
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
  logger.info({ database: dbHandle.kind }, "worker running");

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) process.exit(1); // a second signal means "now"
    shuttingDown = true;
    logger.info({ signal }, "worker shutting down");
    try {
      await runner.stop(); // the delivery in hand commits or rolls back first
      await realtime.close();
      await dbHandle.close();
      process.exit(0);
    } catch (e) {
      logger.error({ err: e }, "worker shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
