import path from "node:path";
import { inject } from "vitest";
import { createLocalStorageSync, type Storage } from "../../server/storage";
import type { AppContext, RealtimePublisher } from "../../server/context";
import { loadConfig, type Config } from "../../server/config";
import { FixedClock, type Clock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { MemoryCache } from "../../server/shared/memory-cache";
import { createRateLimits } from "../../server/shared/rate-limits";
import type { Database } from "../../db/client";
import { createSearchEngine } from "../../search";

/** A configuration as the app would load it, pointed at the test's database. */
export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    SEED_DEMO: "0",
    RUN_JOBS: "0",
    // Tests publish and read back at one instant; reusing a ranking would hide what they just wrote.
    FEED_CACHE_SECONDS: "0",
    DATA_DIR: `.test-data/${process.pid}`,
    ...overrides,
  });
}

/** Records pushes so tests can assert what a user would have received in realtime. */
export class RecordingRealtime implements RealtimePublisher {
  readonly sent: { target: string; event: string; payload: unknown }[] = [];
  toUser(userId: string, event: string, payload: unknown) {
    this.sent.push({ target: `user:${userId}`, event, payload });
  }
  readonly disconnected: string[] = [];
  disconnectUser(userId: string) {
    this.disconnected.push(userId);
  }
  toRoom(room: string, event: string, payload: unknown) {
    this.sent.push({ target: room, event, payload });
  }
}

/** An AppContext over a test database, for calling domain functions directly. */
export function createTestContext(
  db: Database,
  options: { clock?: Clock; config?: Config; storage?: Storage } = {},
): AppContext & {
  clock: Clock;
  realtime: RecordingRealtime;
} {
  const config = options.config ?? testConfig();
  return {
    config,
    db,
    clock: options.clock ?? new FixedClock("2026-11-23T02:00:00Z"),
    logger: createLogger({ level: config.logLevel }),
    realtime: new RecordingRealtime(),
    healthChecks: [],
    rateLimits: createRateLimits(),
    cache: new MemoryCache(100),
    storage: options.storage ?? createLocalStorageSync(path.join(config.dataDir, "media")),
    search: createSearchEngine(config, db),
  };
}

export const services = () => inject("services");
