import { eq } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { badges } from "../../../db/schema";
import { enabledBadgesOfType, type BadgeRow } from "./badge-rows";
import { counterValues } from "./counters";
import { grantBadgeOnce, type GrantRow } from "./grant-badge";
import type { BadgeCounter } from "./schemas";

/**
 * Event-driven evaluation: after something changed for one member, grant the badges whose criterion
 * they now meet. Each is a no-op when they already hold the badge, so an event delivered twice, or
 * twenty evaluations at once, grant once.
 */

/** Counter badges on these counters (all counters when omitted) that the member has now reached. */
export async function evaluateCounterBadges(tx: Queryable, userId: string, now: Date, counters?: readonly BadgeCounter[]): Promise<GrantRow[]> {
  const candidates = (await enabledBadgesOfType(tx, "counter")).filter(
    (b) => b.criterion.type === "counter" && (!counters || counters.includes(b.criterion.counter as BadgeCounter)),
  );
  if (candidates.length === 0) return [];
  const values = await counterValues(tx, userId);
  const granted: GrantRow[] = [];
  for (const badge of candidates) {
    if (badge.criterion.type !== "counter") continue;
    const value = values[badge.criterion.counter as BadgeCounter] ?? 0;
    if (value < badge.criterion.threshold) continue;
    const grant = await grantBadgeOnce(tx, { badge, userId, source: null, reason: "", grantedBy: null, now });
    if (grant) granted.push(grant);
  }
  return granted;
}

/**
 * Streak badges for a check-in that made a streak of `streak` days ending on `localDate`. A badge that
 * may be held more than once is earned once per streak run, named by the run's first day.
 */
export async function evaluateStreakBadges(tx: Queryable, input: { userId: string; localDate: string; streak: number; now: Date }): Promise<GrantRow[]> {
  const granted: GrantRow[] = [];
  for (const badge of await enabledBadgesOfType(tx, "streak")) {
    if (badge.criterion.type !== "streak" || input.streak < badge.criterion.days) continue;
    const source = `streak:${streakStart(input.localDate, input.streak)}`;
    const grant = await grantBadgeOnce(tx, { badge, userId: input.userId, source, reason: "", grantedBy: null, now: input.now });
    if (grant) granted.push(grant);
  }
  return granted;
}

/** The first day of a streak of `streak` days ending on `localDate` (YYYY-MM-DD, calendar arithmetic). */
export function streakStart(localDate: string, streak: number): string {
  const [y, m, d] = localDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - (streak - 1))).toISOString().slice(0, 10);
}

/**
 * A completed challenge: its own reward badge (if it names one and it is enabled) and every
 * challenge-criterion badge for this challenge or for any challenge. Each multiple badge is earned
 * once per challenge.
 */
export async function evaluateChallengeBadges(
  tx: Queryable,
  input: { userId: string; challengeId: string; rewardBadgeId: string | null; now: Date },
): Promise<GrantRow[]> {
  const list: BadgeRow[] = (await enabledBadgesOfType(tx, "challenge")).filter(
    (b) => b.criterion.type === "challenge" && (b.criterion.challengeId === null || b.criterion.challengeId === input.challengeId),
  );
  if (input.rewardBadgeId && !list.some((b) => b.id === input.rewardBadgeId)) {
    const [reward] = await tx.select().from(badges).where(eq(badges.id, input.rewardBadgeId));
    if (reward?.enabled) list.push(reward);
  }
  list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const granted: GrantRow[] = [];
  for (const badge of list) {
    const grant = await grantBadgeOnce(tx, {
      badge,
      userId: input.userId,
      source: `challenge:${input.challengeId}`,
      reason: "",
      grantedBy: null,
      now: input.now,
    });
    if (grant) granted.push(grant);
  }
  return granted;
}
