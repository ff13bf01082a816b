import type { RateLimitRule } from "../shared/rate-limits";

/** Sign-ups from one address: enough for a shared office, too few for a script. */
export const SIGN_UP_PER_IP: RateLimitRule = { name: "identity:signup:ip", points: 10, durationSec: 60 * 60 };
/** Log-in attempts from one address, whatever the account. */
export const LOG_IN_PER_IP: RateLimitRule = { name: "identity:login:ip", points: 30, durationSec: 15 * 60 };
/**
 * Attempts at one account name from one address; a successful log-in resets it, so in effect it
 * counts consecutive failures and stops guessing from one place. It is keyed by address too, so a
 * stranger sending ten wrong passwords does not lock the account's owner out everywhere.
 */
export const LOG_IN_PER_NAME_AND_IP: RateLimitRule = { name: "identity:login:name-ip", points: 10, durationSec: 15 * 60 };
/**
 * Attempts at one account name from anywhere: a ceiling on guessing spread over many addresses, high
 * enough that locking the owner out takes a hundred addresses. Reset by a successful log-in.
 */
export const LOG_IN_PER_NAME: RateLimitRule = { name: "identity:login:name", points: 100, durationSec: 15 * 60 };
