import { eq, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { creatorTierHistory, creatorTiers, type CreatorTier } from "../../../db/schema";
import { emitEvent } from "../../jobs/emit-event";
import { measureStanding } from "./measure-standing";
import { decideTier, earnedTier, shortfallFor, type TierDecision, type TierStats } from "./rules";
import type { TierSettings } from "./settings";
import { TIER_CHANGED, TIER_WARNING, type TierChangedPayload, type TierWarningPayload } from "./events";

export interface TierEvaluation {
  decision: TierDecision;
  tier: CreatorTier;
  stats: TierStats;
}

/**
 * Re-rates one creator in the caller's transaction. Their tier row is created if missing, then locked,
 * so two runs for one creator queue and the second sees what the first wrote: the warning of a grace is
 * sent once (its event is emitted only when the grace starts, and `warning_sent_at` records it).
 */
export async function evaluateCreatorTier(tx: Transaction, userId: string, now: Date, settings: TierSettings): Promise<TierEvaluation> {
  const stats = await measureStanding(tx, userId, now);
  const earned = earnedTier(stats, settings);
  const inserted = await tx
    .insert(creatorTiers)
    .values({ userId, tier: earned, since: now, stats: { ...stats }, evaluatedAt: now })
    .onConflictDoNothing({ target: creatorTiers.userId })
    .returning({ userId: creatorTiers.userId });
  if (inserted.length > 0) {
    await tx.insert(creatorTierHistory).values({ userId, fromTier: null, toTier: earned, reason: "initial", stats: { ...stats }, at: now });
    await emitEvent(tx, { type: TIER_CHANGED, payload: { userId, fromTier: null, toTier: earned, reason: "initial" } satisfies TierChangedPayload, occurredAt: now });
    return { decision: { kind: "initial", tier: earned }, tier: earned, stats };
  }
  const [current] = await tx.select().from(creatorTiers).where(eq(creatorTiers.userId, userId)).for("update");
  const decision = decideTier(current!, earned, now, settings.graceDays);
  const base = { stats: { ...stats }, evaluatedAt: now };
  const history = (fromTier: CreatorTier | null, toTier: CreatorTier, reason: string) =>
    tx.insert(creatorTierHistory).values({ userId, fromTier, toTier, reason, stats: { ...stats }, at: now });
  let tier = current!.tier;
  switch (decision.kind) {
    case "promoted":
    case "demoted":
      tier = decision.to;
      await tx.update(creatorTiers).set({ ...base, tier, since: now, pendingTier: null, demoteAfter: null, warningSentAt: null }).where(eq(creatorTiers.userId, userId));
      await history(decision.from, decision.to, decision.kind);
      await emitEvent(tx, { type: TIER_CHANGED, payload: { userId, fromTier: decision.from, toTier: decision.to, reason: decision.kind } satisfies TierChangedPayload, occurredAt: now });
      break;
    case "graceStarted": {
      await tx
        .update(creatorTiers)
        .set({ ...base, pendingTier: decision.pendingTier, demoteAfter: decision.demoteAfter, warningSentAt: now })
        .where(sql`${creatorTiers.userId} = ${userId} and ${creatorTiers.warningSentAt} is null`);
      await history(current!.tier, decision.pendingTier, "grace_started");
      const payload: TierWarningPayload = {
        userId,
        tier: current!.tier,
        pendingTier: decision.pendingTier,
        demoteAfter: decision.demoteAfter.toISOString(),
        shortfall: shortfallFor(stats, current!.tier, settings)!,
      };
      await emitEvent(tx, { type: TIER_WARNING, payload, occurredAt: now });
      break;
    }
    case "graceUpdated":
      await tx.update(creatorTiers).set({ ...base, pendingTier: decision.pendingTier }).where(eq(creatorTiers.userId, userId));
      break;
    case "graceCancelled":
      await tx.update(creatorTiers).set({ ...base, pendingTier: null, demoteAfter: null, warningSentAt: null }).where(eq(creatorTiers.userId, userId));
      await history(current!.tier, current!.tier, "grace_cancelled");
      break;
    case "initial":
    case "unchanged":
      await tx.update(creatorTiers).set(base).where(eq(creatorTiers.userId, userId));
      break;
  }
  return { decision, tier, stats };
}
