import type { CreatorTier } from "../../../db/schema";

/** A creator's tier changed (initial rating, promotion or demotion). */
export const TIER_CHANGED = "creators.tier.changed";
/** A creator fell below their tier: the grace started; the one warning goes out from this event. */
export const TIER_WARNING = "creators.tier.warning";

export interface TierChangedPayload extends Record<string, unknown> {
  userId: string;
  fromTier: CreatorTier | null;
  toTier: CreatorTier;
  reason: "initial" | "promoted" | "demoted";
}

export interface TierWarningPayload extends Record<string, unknown> {
  userId: string;
  tier: CreatorTier;
  pendingTier: CreatorTier;
  demoteAfter: string;
  /** What is missing to keep the tier. */
  shortfall: { followers: number; engagement30d: number; fanGroupSize: number; gmv30dCents: number };
}
