import type { Database } from "../db/client";
import type { SearchEngine } from "../search";
import type { Config } from "./config";
import type { Clock } from "./shared/clock";
import type { Logger } from "./shared/logger";
import type { RateLimits } from "./shared/rate-limits";
import type { Storage } from "./storage";
import type { MemoryCache } from "./shared/memory-cache";

/** Pushes realtime events to connected clients (Socket.IO, across nodes via Redis when configured). */
export interface RealtimePublisher {
  /** Sends an event to every socket of one user. */
  toUser(userId: string, event: string, payload: unknown): void;
  /** Sends an event to everyone in a named room (e.g. `post:<id>`). */
  toRoom(room: string, event: string, payload: unknown): void;
  /**
   * Drops every socket of one user on every node, e.g. after log-out or a token is revoked: a socket
   * is authenticated once, at connect, so it must reconnect (and authenticate again) to stay signed in.
   */
  disconnectUser(userId: string): void;
}

/** A part of the system /readyz asks about. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

/**
 * Everything stateful, created once by the host process (server/main.ts) and handed to Remix
 * loaders/actions through getLoadContext and to API handlers directly. Domain functions take the
 * pieces they need from here; they never create their own.
 */
export interface AppContext {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  realtime: RealtimePublisher;
  healthChecks: HealthCheck[];
  /** Fixed-window counters for rate limits; Redis-backed when REDIS_URL is set. */
  rateLimits: RateLimits;
  /** Object storage for media: S3 when S3_BUCKET is set, local disk otherwise. */
  storage: Storage;
  /** Short-lived per-process caches (see MemoryCache): reused rankings and the like. */
  cache: MemoryCache;
  /** The search engine: Meilisearch when MEILI_HOST is set, the built-in one on `db` otherwise. */
  search: SearchEngine;
}
