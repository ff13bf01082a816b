import path from "node:path";
import type { Database } from "../../db/client";
import { createSearchEngine } from "../../search";
import { createLocalStorageSync } from "../../server/storage";
import { loadConfig } from "../../server/config";
import type { AppContext } from "../../server/context";
import { systemClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { MemoryCache } from "../../server/shared/memory-cache";
import { createRateLimits } from "../../server/shared/rate-limits";

/** The context domain functions need while the benchmark seeds, outside any server. */
export function createTestContextLite(db: Database): AppContext {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "warn", SEED_DEMO: "0", RUN_JOBS: "0" });
  return {
    config,
    db,
    clock: systemClock,
    logger: createLogger({ level: "warn" }),
    realtime: { toUser() {}, toRoom() {}, disconnectUser() {} },
    healthChecks: [],
    rateLimits: createRateLimits(),
    cache: new MemoryCache(100),
    storage: createLocalStorageSync(path.join(config.dataDir, "media")),
    search: createSearchEngine(config, db),
  };
}
