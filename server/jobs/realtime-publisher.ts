import type { Config } from "../config";
import type { RealtimePublisher } from "../context";
import type { Logger } from "../shared/logger";

/**
 * The publisher a process without Socket.IO (`npm run worker`) pushes through. Until the realtime
 * module offers a Redis-backed emitter this logs and drops each push; swapping is this one function.
 * Pushes are best-effort either way: clients re-fetch persisted state on reconnect.
 */
export function createWorkerRealtime(_config: Config, logger: Logger): RealtimePublisher {
  const log = logger.child({ component: "realtime" });
  return {
    toUser(userId, event, _payload) {
      log.debug({ userId, event }, "realtime push dropped: no publisher in this process");
    },
    toRoom(room, event, _payload) {
      log.debug({ room, event }, "realtime push dropped: no publisher in this process");
    },
  };
}
