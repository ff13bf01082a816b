import { and, eq, sql } from "drizzle-orm";
import { campaignParticipants, campaigns, challengeParticipants, challenges } from "../../../db/schema";
import type { AppContext } from "../../context";
import { AppError } from "../../shared/errors";
import type { CurrentUser } from "../../identity";
import { emitEvent } from "../../jobs/emit-event";
import { isFan } from "../fan-groups/views";
import { isUuid, type CampaignView } from "./schemas";
import { campaignViewById, findCampaign, statusAt } from "./views";

export interface JoinCampaignResult {
  created: boolean;
  campaign: CampaignView;
}

/**
 * Joins a campaign while it runs (not before its start, after its end or once cancelled: 409). Idempotent: the participation's primary key turns any number of
 * racing joins into one row, and only the insert that made it raises participant_count (same
 * transaction). A fan-only campaign admits only the running creator's fan group. Joining a check-in
 * challenge campaign also joins its challenge, so the member can check in straight away.
 */
export async function joinCampaign(ctx: AppContext, user: CurrentUser | null, campaignId: string): Promise<JoinCampaignResult> {
  if (!user) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  if (!isUuid(campaignId)) throw new AppError("NOT_FOUND", "campaigns.notFound");
  const campaign = await findCampaign(ctx.db, campaignId);
  if (!campaign || campaign.status === "draft") throw new AppError("NOT_FOUND", "campaigns.notFound");
  const now = ctx.clock.now();
  // An upcoming campaign is visible with its countdown, but joining opens at the start.
  const status = statusAt(campaign, now);
  if (status === "cancelled") throw new AppError("CONFLICT", "campaigns.cancelled");
  if (status === "ended") throw new AppError("CONFLICT", "campaigns.join.ended");
  if (status === "upcoming") throw new AppError("CONFLICT", "campaigns.join.notStarted");
  if (campaign.fanGroupOnly && campaign.creatorId && !(await isFan(ctx.db, campaign.creatorId, user.id))) {
    throw new AppError("FORBIDDEN", "campaigns.join.fansOnly");
  }

  const created = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx.insert(campaignParticipants).values({ campaignId, userId: user.id, joinedAt: now }).onConflictDoNothing().returning();
    if (!inserted) return false;
    await tx
      .update(campaigns)
      .set({ participantCount: sql`${campaigns.participantCount} + 1` })
      .where(eq(campaigns.id, campaignId));
    if (campaign.challengeId) {
      const [joined] = await tx
        .insert(challengeParticipants)
        .values({ challengeId: campaign.challengeId, userId: user.id, joinedAt: now })
        .onConflictDoNothing()
        .returning();
      if (joined) {
        await tx
          .update(challenges)
          .set({ participantCount: sql`${challenges.participantCount} + 1` })
          .where(eq(challenges.id, campaign.challengeId));
        await emitEvent(tx, { type: "gamification.challenge.joined", payload: { challengeId: campaign.challengeId, userId: user.id }, occurredAt: now });
      }
    }
    await emitEvent(tx, { type: "creators.campaign.joined", payload: { campaignId, userId: user.id }, occurredAt: now });
    return true;
  });
  const fanOf = campaign.creatorId && (await isFan(ctx.db, campaign.creatorId, user.id)) ? new Set([campaign.creatorId]) : undefined;
  return { created, campaign: (await campaignViewById(ctx.db, campaignId, now, user, fanOf))! };
}

/** Whether `userId` has joined the campaign. */
export async function hasJoined(ctx: Pick<AppContext, "db">, campaignId: string, userId: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ one: sql<number>`1` })
    .from(campaignParticipants)
    .where(and(eq(campaignParticipants.campaignId, campaignId), eq(campaignParticipants.userId, userId)));
  return Boolean(row);
}
