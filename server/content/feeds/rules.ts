/**
 * Ranking rules of the feeds, pure and unit-tested. The SQL in recompute-scores.ts and recommended.ts
 * computes the same formulas in bulk; these functions are their reference.
 */

/** Engagement weights: a favourite says more than a like, a comment more than a favourite. */
export const ENGAGEMENT_WEIGHTS = { like: 1, favorite: 2, comment: 3, share: 1 } as const;

/** Gravity of the hot score's time decay: 1.5 lets a strong note stay up for about a day. */
export const HOT_GRAVITY = 1.5;

export type Engagement = { likes: number; favorites: number; comments: number; shares: number };

/**
 * 热门 hot score, engagement with time decay (the Hacker News shape):
 *
 *   hot = (likes + 2·favourites + 3·comments + shares + 1) / (age_hours + 2) ^ 1.5
 *
 * The +1 gives a new note without engagement a small positive score, the +2 hours keeps a note from
 * scoring infinitely in its first minutes. Recomputed by a job every 10 minutes, never per request.
 */
export function hotScore(e: Engagement, ageHours: number): number {
  const points =
    e.likes * ENGAGEMENT_WEIGHTS.like +
    e.favorites * ENGAGEMENT_WEIGHTS.favorite +
    e.comments * ENGAGEMENT_WEIGHTS.comment +
    e.shares * ENGAGEMENT_WEIGHTS.share +
    1;
  return points / Math.pow(Math.max(ageHours, 0) + 2, HOT_GRAVITY);
}

/**
 * Quality estimate in [0, 1] for recommendations: a quarter for rich media (up to four images; a
 * video counts as rich), a quarter for a body worth reading (up to 300 characters), half for
 * engagement, saturating so a viral note can't take the whole scale (63 % at 20 weighted points).
 */
export function qualityScore(input: { mediaCount: number; isVideo: boolean; bodyLength: number } & Engagement): number {
  const media = input.isVideo ? 1 : Math.min(input.mediaCount, 4) / 4;
  const text = Math.min(input.bodyLength, 300) / 300;
  const points =
    input.likes * ENGAGEMENT_WEIGHTS.like +
    input.favorites * ENGAGEMENT_WEIGHTS.favorite +
    input.comments * ENGAGEMENT_WEIGHTS.comment +
    input.shares * ENGAGEMENT_WEIGHTS.share;
  return 0.25 * media + 0.25 * text + 0.5 * (1 - Math.exp(-points / 20));
}

/** Notes whose scores the job refreshes: those published in this window, and older ones still ranked. */
export const SCORE_WINDOW_DAYS = 14;
/** Below this an older note's hot score no longer matters, so the job stops touching it. */
export const HOT_SCORE_FLOOR = 0.001;

/**
 * Freshness for the recommended feed, in (0, 1]: 1 at publication, ½ after 12 hours, ⅓ after a day.
 * Measured from the cursor's `asOf`, not from now, so a note's score is the same on every page.
 */
export function freshness(ageHours: number): number {
  return 1 / (1 + Math.max(ageHours, 0) / 12);
}

/** How a reader's actions feed their interests (per category), and how fast interests fade. */
export const INTEREST_WEIGHTS = { like: 1, favorite: 2, comment: 1.5 } as const;
export const INTEREST_HALF_LIFE_DAYS = 14;

/** An interest score `ageDays` after it was last raised. */
export function decayedInterest(score: number, ageDays: number): number {
  return score * Math.pow(0.5, Math.max(ageDays, 0) / INTEREST_HALF_LIFE_DAYS);
}

/** Boost for notes by people the reader follows, and the most a strong interest multiplies by. */
export const FOLLOW_BOOST = 1.5;
export const MAX_INTEREST_BOOST = 1;

/**
 * A reader's interests as the recommended feed uses them: the strongest categories, normalised to
 * (0, 1] against the strongest and rounded to 3 decimals (the cursor carries them, and page 1 must
 * score with exactly the numbers later pages get back).
 */
export function normaliseInterests(rows: readonly { categoryId: string; score: number }[], max = 8): [string, number][] {
  const top = [...rows].filter((r) => r.score > 0).sort((a, b) => b.score - a.score).slice(0, max);
  const best = top[0]?.score ?? 0;
  if (best <= 0) return [];
  return top.map((r) => [r.categoryId, Math.round((r.score / best) * 1000) / 1000]);
}

/**
 * The recommended score, as recommended.ts computes it in SQL:
 *   (hot + ½·quality + freshness) × (1 + interest) × (followed ? 1.5 : 1)
 */
export function recommendedScore(input: {
  hot: number;
  quality: number;
  ageHours: number;
  interest: number;
  followed: boolean;
}): number {
  const base = input.hot + 0.5 * input.quality + freshness(input.ageHours);
  return base * (1 + Math.min(input.interest, MAX_INTEREST_BOOST)) * (input.followed ? FOLLOW_BOOST : 1);
}
