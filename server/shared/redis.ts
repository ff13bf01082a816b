import { createClient } from "redis";


/** Connects to Redis and fails fast (rather than retrying forever) when it cannot be reached at start. */
function createRedisClient(url: string, name: string, isConnected: () => boolean) {
  return createClient({
    url,
    name,
    socket: {
      connectTimeout: 5_000,
      // Before the first connection succeeds, give up so a bad REDIS_URL fails the start; afterwards
      // reconnect with capped backoff.
      reconnectStrategy: (retries) => (isConnected() ? Math.min(retries * 200, 5_000) : new Error("Redis unreachable")),
    },
  });
}

export type RedisClient = ReturnType<typeof createRedisClient>;

export async function connectRedis(url: string, name = "seedbed"): Promise<RedisClient> {
  let connected = false;
  const client = createRedisClient(url, name, () => connected);
  client.on("error", () => {
    // Reported through /readyz and by the commands that fail; an unhandled 'error' would crash the process.
  });
  await client.connect();
  connected = true;
  return client;
}
