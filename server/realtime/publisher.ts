import { Server } from "socket.io";
import type { Config } from "../config";
import type { RealtimePublisher } from "../context";
import { createLogger, type Logger } from "../shared/logger";
import { attachRedisAdapter } from "./adapter";
import { SERVER_EVENT_NAME, userRoom, type ServerEventName, type ServerEventPayload } from "./events";

type UntypedEmitter = { to(room: string): { emit(event: string, payload: unknown): boolean } };

/**
 * A publisher over a Socket.IO server. Pushes are fire-and-forget: a push must never fail the
 * domain operation that triggered it (the fact is already persisted; clients re-fetch on reconnect).
 */
export function publisherFor(io: Server, logger: Logger): RealtimePublisher {
  const emitter = io as unknown as UntypedEmitter;
  const emit = (room: string, event: string, payload: unknown) => {
    if (!SERVER_EVENT_NAME.test(event)) {
      logger.warn({ event, room }, "realtime event dropped: names are context:verbed");
      return;
    }
    try {
      emitter.to(room).emit(event, payload);
    } catch (err) {
      // e.g. a payload that cannot be serialized
      logger.warn({ err, event, room }, "realtime event dropped");
    }
  };
  return {
    toUser: (userId, event, payload) => emit(userRoom(userId), event, payload),
    toRoom: (room, event, payload) => emit(room, event, payload),
    disconnectUser: (userId) => {
      // Through the adapter, so sockets on other nodes go too; clients reconnect and authenticate again.
      void Promise.resolve()
        .then(() => io.in(userRoom(userId)).disconnectSockets(true))
        .catch((err: unknown) => logger.warn({ err, userId }, "realtime disconnect failed"));
    },
  };
}

/** Type-checked push of a known fact to one user (the publisher itself accepts any name). */
export function pushToUser<E extends ServerEventName>(
  realtime: RealtimePublisher,
  userId: string,
  event: E,
  payload: ServerEventPayload<E>,
): void {
  realtime.toUser(userId, event, payload);
}

/** Type-checked push of a known fact to a public page room. */
export function pushToRoom<E extends ServerEventName>(
  realtime: RealtimePublisher,
  room: string,
  event: E,
  payload: ServerEventPayload<E>,
): void {
  realtime.toRoom(room, event, payload);
}

export interface RealtimeHandle {
  publisher: RealtimePublisher;
  close(): Promise<void>;
}

/**
 * A publisher for a process that serves no sockets (`npm run worker`). With REDIS_URL it is a
 * Socket.IO server without an HTTP server on the Redis adapter: its emits reach sockets on every app
 * node. Without Redis there is nobody to reach from another process, so pushes are dropped — the
 * web process's own jobs use the in-process publisher instead.
 */
export async function createRealtimePublisher(config: Config, options: { logger?: Logger } = {}): Promise<RealtimeHandle> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  if (!config.redisUrl) {
    logger.info("realtime pushes from this process are dropped: no REDIS_URL to reach the app nodes");
    return { publisher: { toUser() {}, toRoom() {}, disconnectUser() {} }, close: async () => {} };
  }
  const io = new Server();
  const closeRedis = await attachRedisAdapter(io, { redisUrl: config.redisUrl, redisPrefix: config.redisPrefix, logger });
  return {
    publisher: publisherFor(io, logger),
    async close() {
      await io.of("/").adapter.close();
      await closeRedis();
    },
  };
}
