import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { openDatabase, type DatabaseHandle } from "../db/client";
import { runMigrations } from "../db/migrate";
import { ensureDefaultCategories } from "./content/ensure-default-categories";
import { ensureDefaultBadges } from "./gamification/badges";
import type { Config } from "./config";
import type { AppContext, HealthCheck } from "./context";
import { createHttpApp } from "./http/app";
import { consumers } from "./jobs/consumers";
import { createJobRunner } from "./jobs/runner";
import { schedules } from "./jobs/schedules";
import { attachRealtime } from "./realtime";
import { systemClock, type Clock } from "./shared/clock";
import { createLogger, type Logger } from "./shared/logger";
import { MemoryCache } from "./shared/memory-cache";
import { createRateLimits } from "./shared/rate-limits";
import { connectRedis, type RedisClient } from "./shared/redis";
import { createStorage, type Storage } from "./storage";
import { createSearchEngine } from "../search";
import { backfillSearchOnStart } from "./search";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Serve the Remix UI from build/ (default true; API-only tests turn it off). */
  withUi?: boolean;
  /** Seed demo data on an empty database (default: config.seedDemo). */
  seed?: (ctx: AppContext) => Promise<void>;
}

export interface RunningSeedbed {
  ctx: AppContext;
  url: string;
  httpServer: http.Server;
  storage: Storage;
  dbHandle: DatabaseHandle;
  /** Graceful stop: refuse new connections, let in-flight requests finish, stop jobs, close everything. */
  stop(): Promise<void>;
}

export async function loadRemixBuild(): Promise<ServerBuild> {
  const file = path.join(root, "build/index.js");
  return (await import(pathToFileURL(file).href)) as ServerBuild;
}

/** Creates every stateful piece once (see STACK trap 11) and starts serving on config.port. */
export async function startSeedbed(config: Config, options: StartOptions = {}): Promise<RunningSeedbed> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const slowQueries = {
    thresholdMs: config.slowQueryMs,
    log: (entry: { durationMs: number; query: string }) => logger.warn(entry, "slow query"),
  };
  const dbHandle = await openDatabase(
    config.database.kind === "postgres"
      ? { kind: "postgres", url: config.database.url, poolSize: config.database.poolSize, slowQueries }
      : { kind: "pglite", dir: config.database.dir, slowQueries },
  );
  const cleanups: (() => Promise<void>)[] = [() => dbHandle.close()];
  const closeAll = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((e) => logger.error({ err: e }, "close failed"));
  };

  try {
    await runMigrations(dbHandle);
    // Reference data every install needs; idempotent, and staff edits to existing rows are kept.
    await ensureDefaultCategories(dbHandle.db, clock.now());
    await ensureDefaultBadges(dbHandle.db, clock.now());

    let redis: RedisClient | undefined;
    if (config.redisUrl) {
      redis = await connectRedis(config.redisUrl);
      const r = redis;
      cleanups.push(async () => void (await r.quit().catch(() => r.disconnect())));
    }
    const storage = await createStorage(config.storage);
    // One engine for the process: Meilisearch when MEILI_HOST is set, the built-in one on the database.
    const search = createSearchEngine(config, dbHandle.db);
    await search.prepare().catch((err: unknown) => logger.error({ err }, "search engine not prepared; /readyz reports it"));
    let searchBackfill: ReturnType<typeof backfillSearchOnStart> | undefined;

    const healthChecks: HealthCheck[] = [
      { name: "database", check: () => dbHandle.ping() },
      { name: "storage", check: () => storage.check() },
      {
        name: "search",
        check: async () => {
          await search.check();
          // Not ready while a first build runs (an empty index would answer every search with nothing).
          if (await searchBackfill?.firstBuild()) throw new Error("search index is being built");
        },
      },
    ];
    if (redis) {
      const r = redis;
      healthChecks.push({ name: "redis", check: async () => void (await r.ping()) });
    }

    const baseCtx: Omit<AppContext, "realtime"> = {
      config,
      db: dbHandle.db,
      clock,
      logger,
      healthChecks,
      rateLimits: createRateLimits(redis, config.redisPrefix),
      storage,
      cache: new MemoryCache(2_000),
      search,
    };

    const remixBuild = options.withUi === false ? undefined : await loadRemixBuild();
    // Express is created after realtime so handlers can push; the http.Server exists first for Socket.IO.
    const httpServer = http.createServer();
    // Socket.IO takes over "request" and hands what isn't under /socket.io/ only to the listeners
    // present when it attaches, so Express's slot is registered first and filled in below.
    let app: ReturnType<typeof createHttpApp> | undefined = undefined;
    httpServer.on("request", (req, res) => app?.(req, res));
    const realtime = await attachRealtime({ httpServer, ctx: baseCtx });
    const ctx: AppContext = { ...baseCtx, realtime: realtime.publisher };
    app = createHttpApp(ctx, { remixBuild });

    if (options.seed) await options.seed(ctx);

    // The same registry as `npm run worker`; with RUN_JOBS=0 only workers process jobs.
    const jobs = createJobRunner({ db: ctx.db, logger, clock, consumers, schedules, context: { config, realtime: ctx.realtime } });
    if (config.runJobs) jobs.start();
    // Indexes never built, or built by an older SEARCH_INDEX_VERSION, are rebuilt in the background by
    // the process that runs jobs (existing installs, bulk-loaded data; new writes arrive by the outbox).
    if (config.runJobs) searchBackfill = backfillSearchOnStart(ctx);

    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
    const address = httpServer.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const url = config.publicUrl ?? `http://localhost:${port}`;

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        // Stop accepting; idle keep-alive sockets close now, busy ones after their response.
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        const force = setTimeout(() => httpServer.closeAllConnections(), 10_000);
        await jobs.stop(); // lets the job in hand finish its transaction
        await searchBackfill?.stop(); // an unfinished rebuild leaves the old index and restarts next time
        await realtime.close(); // disconnects sockets, which would otherwise hold the server open
        await closed; // in-flight requests have finished
        clearTimeout(force);
        await closeAll(); // redis, then the database
      })());

    return { ctx, url, httpServer, storage, dbHandle, stop };
  } catch (e) {
    await closeAll();
    throw e;
  }
}
