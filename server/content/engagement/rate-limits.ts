import type { RateLimitRule } from "../../shared/rate-limits";

/** Comments per member: a lively thread, not a flood. */
export const COMMENTS_PER_USER: RateLimitRule = { name: "content:comment:user", points: 30, durationSec: 10 * 60 };
/** Accounts younger than a day get a third of that: fresh sign-ups are where spam comes from. */
export const COMMENTS_PER_NEW_USER: RateLimitRule = { name: "content:comment:newUser", points: 10, durationSec: 10 * 60 };
/** How long an account counts as new. */
export const NEW_ACCOUNT_MS = 24 * 60 * 60 * 1000;
/** Shares hand out URLs and bump a public counter; anyone (even a visitor, by address) gets plenty. */
export const SHARES_PER_CALLER: RateLimitRule = { name: "content:share:caller", points: 60, durationSec: 10 * 60 };
