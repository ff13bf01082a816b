import { desc, eq } from "drizzle-orm";
import { creatorTierHistory, creatorTiers, type CreatorTier } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { measureStanding } from "./measure-standing";
import { earnedTier, progressToward, shortfallFor, type TierStats } from "./rules";
import { readTierSettings, type TierSettings } from "./settings";

export interface MyTierView {
  tier: CreatorTier;
  since: string | null;
  multiplierBp: number;
  /** Measured now (the nightly run may be up to a day behind). */
  stats: TierStats;
  next: { tier: "C2" | "C3" | "C4"; progress: number; shortfall: TierStats } | null;
  grace: { pendingTier: CreatorTier; demoteAfter: string; shortfall: TierStats } | null;
  history: { fromTier: CreatorTier | null; toTier: CreatorTier; reason: string; at: string }[];
  settings: TierSettings;
}

const NEXT: Record<CreatorTier, "C2" | "C3" | "C4" | null> = { C1: "C2", C2: "C3", C3: "C4", C4: null };

/** A creator's tier, what they need for the next one (or to keep theirs during a grace) and the history. */
export async function getMyCreatorTier(ctx: Pick<AppContext, "db" | "clock">, user: CurrentUser | null): Promise<MyTierView> {
  requirePermission(user, "read:commission:own");
  const [row] = await ctx.db.select().from(creatorTiers).where(eq(creatorTiers.userId, user.id));
  const settings = await readTierSettings(ctx.db);
  const stats = await measureStanding(ctx.db, user.id, ctx.clock.now());
  const tier = row?.tier ?? earnedTier(stats, settings);
  const nextTier = NEXT[tier];
  const history = await ctx.db.select().from(creatorTierHistory).where(eq(creatorTierHistory.userId, user.id)).orderBy(desc(creatorTierHistory.at)).limit(20);
  return {
    tier,
    since: row?.since.toISOString() ?? null,
    multiplierBp: settings.multipliersBp[tier],
    stats,
    next: nextTier ? { tier: nextTier, progress: progressToward(stats, settings.thresholds[nextTier]), shortfall: shortfallFor(stats, nextTier, settings)! } : null,
    grace: row?.pendingTier && row.demoteAfter ? { pendingTier: row.pendingTier, demoteAfter: row.demoteAfter.toISOString(), shortfall: shortfallFor(stats, tier, settings)! } : null,
    history: history.map((h) => ({ fromTier: h.fromTier, toTier: h.toTier, reason: h.reason, at: h.at.toISOString() })),
    settings,
  };
}
