/*
 * Creator tier rules: pure functions, no I/O (unit-tested in tests/unit/creators-tiers-rules.test.ts).
 */
import type { CreatorTier } from "../../../db/schema";
import { tierRank, type TierSettings, type TierThreshold } from "./settings";

export interface TierStats {
  followers: number;
  engagement30d: number;
  fanGroupSize: number;
  gmv30dCents: number;
}

const HIGHER = ["C2", "C3", "C4"] as const;

/** Whether the standing meets a tier's bar: its followers AND one of engagement, fan group or GMV. */
export function meets(stats: TierStats, t: TierThreshold): boolean {
  return stats.followers >= t.followers && (stats.engagement30d >= t.engagement30d || stats.fanGroupSize >= t.fanGroupSize || stats.gmv30dCents >= t.gmv30dCents);
}

/** The highest tier the standing earns (every creator has at least C1). */
export function earnedTier(stats: TierStats, settings: TierSettings): CreatorTier {
  let tier: CreatorTier = "C1";
  for (const t of HIGHER) if (meets(stats, settings.thresholds[t])) tier = t;
  return tier;
}

/**
 * What is missing to (re)reach `tier`: followers still needed (0 when enough), and the shortfall on each
 * alternative — any one of which, with the followers, is enough. Null for C1 (nothing to reach).
 */
export function shortfallFor(stats: TierStats, tier: CreatorTier, settings: TierSettings): TierStats | null {
  if (tier === "C1") return null;
  const t = settings.thresholds[tier];
  return {
    followers: Math.max(0, t.followers - stats.followers),
    engagement30d: Math.max(0, t.engagement30d - stats.engagement30d),
    fanGroupSize: Math.max(0, t.fanGroupSize - stats.fanGroupSize),
    gmv30dCents: Math.max(0, t.gmv30dCents - stats.gmv30dCents),
  };
}

export interface TierState {
  tier: CreatorTier;
  pendingTier: CreatorTier | null;
  demoteAfter: Date | null;
  warningSentAt: Date | null;
}

export type TierDecision =
  | { kind: "initial"; tier: CreatorTier }
  | { kind: "promoted"; from: CreatorTier; to: CreatorTier }
  | { kind: "demoted"; from: CreatorTier; to: CreatorTier }
  | { kind: "graceStarted"; tier: CreatorTier; pendingTier: CreatorTier; demoteAfter: Date }
  | { kind: "graceUpdated"; pendingTier: CreatorTier }
  | { kind: "graceCancelled"; tier: CreatorTier }
  | { kind: "unchanged" };

const DAY = 86_400_000;

/**
 * The hysteresis: promotion at once; a lower earned tier starts a grace of `graceDays` (with its one
 * warning) and demotes only once the grace has run out and the creator is still below; earning the
 * tier back within the grace cancels it. A further drop during a grace lowers the target, not the clock.
 */
export function decideTier(current: TierState | null, earned: CreatorTier, now: Date, graceDays: number): TierDecision {
  if (!current) return { kind: "initial", tier: earned };
  const cur = tierRank(current.tier);
  const got = tierRank(earned);
  if (got > cur) return { kind: "promoted", from: current.tier, to: earned };
  if (got === cur) return current.pendingTier ? { kind: "graceCancelled", tier: current.tier } : { kind: "unchanged" };
  if (!current.pendingTier || !current.demoteAfter) {
    return { kind: "graceStarted", tier: current.tier, pendingTier: earned, demoteAfter: new Date(now.getTime() + graceDays * DAY) };
  }
  if (now.getTime() >= current.demoteAfter.getTime()) return { kind: "demoted", from: current.tier, to: earned };
  return earned !== current.pendingTier ? { kind: "graceUpdated", pendingTier: earned } : { kind: "unchanged" };
}

/** Progress toward the next tier, 0–1, by the best of the alternatives (followers capped the same way). */
export function progressToward(stats: TierStats, t: TierThreshold): number {
  const r = (v: number, need: number) => (need <= 0 ? 1 : Math.min(1, v / need));
  return Math.min(r(stats.followers, t.followers), Math.max(r(stats.engagement30d, t.engagement30d), r(stats.fanGroupSize, t.fanGroupSize), r(stats.gmv30dCents, t.gmv30dCents)));
}
