import type { RateLimitRule } from "../shared/rate-limits";

/** Sign-ups from one address: enough for a shared office, too few for a script. */
export const SIGN_UP_PER_IP: RateLimitRule = { name: "identity:signup:ip", points: 10, durationSec: 60 * 60 };
/** Log-in attempts from one address, whatever the account. */
export const LOG_IN_PER_IP: RateLimitRule = { name: "identity:login:ip", points: 30, durationSec: 15 * 60 };
/**
 * Attempts against one account name; a successful log-in resets it, so in effect it counts
 * consecutive failures and stops password guessing spread over many addresses.
 */
export const LOG_IN_PER_NAME: RateLimitRule = { name: "identity:login:name", points: 10, durationSec: 15 * 60 };
