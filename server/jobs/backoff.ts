/** Deliveries give up (status `dead`) after this many failed attempts unless the runner is told otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 8;

const BASE_MS = 1_000;
const CAP_MS = 60 * 60 * 1_000;
/** Extra random delay as a share of the base delay, so failures of many deliveries spread out. */
export const JITTER_SHARE = 0.25;

/**
 * How long to wait before the next attempt after `attempts` failures: 1 s · 2^(attempts−1), capped
 * at one hour, plus up to 25 % jitter. Pure, so tests can bound it (`retryDelayMs(n, () => 1)`).
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempts - 1);
  const base = Math.min(CAP_MS, BASE_MS * 2 ** Math.min(exponent, 30));
  return Math.round(base + base * JITTER_SHARE * random());
}
