import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "./errors";
import type { RedisClient } from "./redis";

export interface RateLimitRule {
  /** Unique name of the limit, e.g. "login:ip". */
  name: string;
  /** How many attempts are allowed per window. */
  points: number;
  /** Window length in seconds. */
  durationSec: number;
}

export interface RateLimits {
  /**
   * Counts one attempt for `key` under `rule`; throws AppError RATE_LIMITED (with retryAfter) once the
   * window's allowance is spent.
   */
  consume(rule: RateLimitRule, key: string, points?: number): Promise<void>;
  /** Forgets the attempts of `key` (e.g. after a successful log-in). */
  reset(rule: RateLimitRule, key: string): Promise<void>;
}

/**
 * Rate limits shared by every app node through Redis when given a client, per process otherwise.
 * Redis keys start with `prefix` (config.redisPrefix), so deployments sharing a Redis count apart.
 */
export function createRateLimits(redis?: RedisClient, prefix = "seedbed"): RateLimits {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (rule: RateLimitRule) => {
    const id = `${rule.name}:${rule.points}:${rule.durationSec}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      const options = { keyPrefix: `${prefix}:rl:${rule.name}`, points: rule.points, duration: rule.durationSec };
      limiter = redis ? new RateLimiterRedis({ ...options, storeClient: redis, useRedisPackage: true }) : new RateLimiterMemory(options);
      limiters.set(id, limiter);
    }
    return limiter;
  };
  return {
    async consume(rule, key, points = 1) {
      try {
        await limiterFor(rule).consume(key, points);
      } catch (e) {
        if (e instanceof RateLimiterRes) {
          const retryAfter = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
          throw new AppError("RATE_LIMITED", `Too many attempts; try again in ${retryAfter} seconds.`, { retryAfter });
        }
        throw e;
      }
    },
    async reset(rule, key) {
      await limiterFor(rule).delete(key);
    },
  };
}
