import type { RateLimitRule } from "../shared/rate-limits";

/** Notes a member may create per hour. */
export const POSTS_PER_HOUR: RateLimitRule = { name: "content:post:create", points: 10, durationSec: 60 * 60 };
/** Stricter for accounts under a day old, where most spam comes from. */
export const POSTS_PER_HOUR_NEW_ACCOUNT: RateLimitRule = { name: "content:post:create:new", points: 3, durationSec: 60 * 60 };
/** Reports a member may file per hour, so the queue can't be flooded. */
export const REPORTS_PER_HOUR: RateLimitRule = { name: "content:report", points: 30, durationSec: 60 * 60 };

export const NEW_ACCOUNT_MS = 24 * 60 * 60 * 1000;

/** Whether an account is young enough for the stricter limits, by the injected clock. */
export function isNewAccount(createdAt: string | Date, now: Date): boolean {
  return now.getTime() - new Date(createdAt).getTime() < NEW_ACCOUNT_MS;
}
