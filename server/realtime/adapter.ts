import { createAdapter } from "@socket.io/redis-adapter";
import type { Server } from "socket.io";
import type { Logger } from "../shared/logger";
import { connectRedis, type RedisClient } from "../shared/redis";

/**
 * Puts a Socket.IO server on the Redis pub/sub adapter so an emit on any node (or the worker)
 * reaches sockets on every node. Subscriptions need a connection of their own, hence two clients.
 *
 * Delivery is at-most-once: a client that is disconnected while an event is published misses it,
 * and Socket.IO's connection-state recovery does not work with this adapter (only the Redis Streams
 * one supports it). Every push is therefore also persisted by its context (e.g. the notification
 * inbox), and clients re-fetch what they show when they reconnect.
 */
export async function attachRedisAdapter(
  io: Server,
  options: { redisUrl: string; redisPrefix: string; logger: Logger },
): Promise<() => Promise<void>> {
  const pub = await connectRedis(options.redisUrl, "seedbed-realtime-pub");
  let sub: RedisClient;
  try {
    sub = await connectRedis(options.redisUrl, "seedbed-realtime-sub");
  } catch (e) {
    await pub.quit().catch(() => {});
    throw e;
  }
  guardPublish(pub, options.logger);
  // The channel prefix (Socket.IO's default is "socket.io") keeps deployments sharing one Redis apart:
  // with the default, one site's pushes would reach another's sockets in rooms of the same name.
  io.adapter(createAdapter(pub, sub, { key: `${options.redisPrefix}:socket.io` }));
  return async () => {
    // The adapter unsubscribes on close; then the connections can go.
    for (const client of [sub, pub]) await client.quit().catch(() => client.destroy());
  };
}

/**
 * The adapter fires `publish` without awaiting it. Should Redis refuse a command, that rejection
 * would be unhandled and end the process; a lost realtime push is logged instead (at-most-once).
 */
function guardPublish(client: RedisClient, logger: Logger) {
  const publish = client.publish.bind(client) as (channel: string, message: string | Buffer) => Promise<number>;
  (client as unknown as { publish: typeof publish }).publish = (channel, message) =>
    publish(channel, message).catch((err: unknown) => {
      logger.warn({ err, channel }, "realtime publish to Redis failed; the event is dropped");
      return 0;
    });
}
