import { z } from "zod";
import type { Queryable } from "../../../db/client";
import { CREATOR_TIERS, type CreatorTier } from "../../../db/schema";
import { readSetting } from "../../ops";

/*
 * Staff-editable tier thresholds and multipliers (settings key `creators.tiers`, audited by writeSetting).
 * A tier above C1 is reached with at least its followers AND one of: its 30-day engagement (likes,
 * favourites and comments received), its fan-group size, or its 30-day GMV through the creator's links.
 * Followers are the floor of reach; the three alternatives let a creator qualify by audience love, a
 * loyal fan group or sales, whichever is theirs.
 */

const count = (key: string) => z.number({ error: key }).int(key).min(0, key).max(100_000_000, key);

export const tierThresholdSchema = z.strictObject({
  followers: count("creators.tier.followers"),
  engagement30d: count("creators.tier.engagement"),
  fanGroupSize: count("creators.tier.fanGroupSize"),
  gmv30dCents: count("creators.tier.gmv"),
});
export type TierThreshold = z.infer<typeof tierThresholdSchema>;

const multiplier = z.number({ error: "creators.tier.multiplier" }).int("creators.tier.multiplier").min(5_000, "creators.tier.multiplier").max(30_000, "creators.tier.multiplier");

export const tierSettingsSchema = z
  .strictObject({
    thresholds: z.strictObject({ C2: tierThresholdSchema, C3: tierThresholdSchema, C4: tierThresholdSchema }),
    /** Commission multiplier per tier, basis points (10,000 = ×1.0). */
    multipliersBp: z.strictObject({ C1: multiplier, C2: multiplier, C3: multiplier, C4: multiplier }),
    /** Days between the warning and the demotion. */
    graceDays: z.number({ error: "creators.tier.graceDays" }).int("creators.tier.graceDays").min(1, "creators.tier.graceDays").max(90, "creators.tier.graceDays"),
  })
  .superRefine((v, ctx) => {
    // Each tier must ask at least as much as the one below, or a creator could be "promoted" downwards.
    const order = ["C2", "C3", "C4"] as const;
    for (let i = 1; i < order.length; i++) {
      const lo = v.thresholds[order[i - 1]!];
      const hi = v.thresholds[order[i]!];
      for (const k of Object.keys(lo) as (keyof TierThreshold)[]) {
        if (hi[k] < lo[k]) ctx.addIssue({ code: "custom", message: "creators.tier.notIncreasing", path: ["thresholds", order[i]!, k] });
      }
    }
  });
export type TierSettings = z.infer<typeof tierSettingsSchema>;

export const TIER_SETTINGS_KEY = "creators.tiers";

export const DEFAULT_TIER_SETTINGS: TierSettings = {
  thresholds: {
    C2: { followers: 500, engagement30d: 1_000, fanGroupSize: 100, gmv30dCents: 200_000 },
    C3: { followers: 5_000, engagement30d: 10_000, fanGroupSize: 1_000, gmv30dCents: 2_000_000 },
    C4: { followers: 50_000, engagement30d: 100_000, fanGroupSize: 10_000, gmv30dCents: 20_000_000 },
  },
  multipliersBp: { C1: 10_000, C2: 10_500, C3: 11_000, C4: 12_000 },
  graceDays: 14,
};

export function readTierSettings(db: Queryable): Promise<TierSettings> {
  return readSetting(db, TIER_SETTINGS_KEY, tierSettingsSchema, DEFAULT_TIER_SETTINGS);
}

export const tierRank = (t: CreatorTier) => CREATOR_TIERS.indexOf(t);
