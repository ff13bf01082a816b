import type { RateLimitRule } from "../shared/rate-limits";

/** Uploads started by one user: a nine-photo note several times over, not a bulk mirror. */
export const UPLOADS_PER_USER: RateLimitRule = { name: "media:upload:user", points: 60, durationSec: 10 * 60 };
