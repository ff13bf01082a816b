import { eq } from "drizzle-orm";
import { campaigns, challenges } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { recordAudit } from "../../ops";
import { AppError } from "../../shared/errors";
import { CAMPAIGN_CANCELLED, type CampaignCancelledPayload } from "./events";
import { cancelCampaignSchema, isUuid, type CampaignView, type CancelCampaignInput } from "./schemas";
import { campaignViewById, findCampaign, mayManage, statusAt } from "./views";


/**
 * Cancels a campaign before it ends, with a reason: staff any campaign, a creator their own. From then
 * on nobody joins, enters or is paid (judging refuses with 409); what was paid before stays paid. A
 * check-in challenge campaign cancels its challenge too. The row is locked, so a cancellation and a
 * judge's decision in flight happen one after the other. Audited; every participant is told, with the
 * reason, through the outbox. After the end, or a second time: 409.
 */
export async function cancelCampaign(ctx: AppContext, user: CurrentUser | null, campaignId: string, input: CancelCampaignInput): Promise<CampaignView> {
  if (!user) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  if (!isUuid(campaignId)) throw new AppError("NOT_FOUND", "campaigns.notFound");
  const found = await findCampaign(ctx.db, campaignId);
  if (!found || (found.status === "draft" && !mayManage(user, found))) throw new AppError("NOT_FOUND", "campaigns.notFound");
  if (!mayManage(user, found)) throw new AppError("FORBIDDEN", "forbidden");
  const data = parseInput(cancelCampaignSchema, input);
  const now = ctx.clock.now();

  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)).for("update");
    const status = statusAt(row!, now);
    if (status === "cancelled") throw new AppError("CONFLICT", "campaigns.cancelled");
    if (status === "ended") throw new AppError("CONFLICT", "campaigns.cancel.ended");
    await tx
      .update(campaigns)
      .set({ status: "cancelled", cancelledAt: now, cancelledBy: user.id, cancelReason: data.reason, updatedAt: now })
      .where(eq(campaigns.id, campaignId));
    if (row!.challengeId) await tx.update(challenges).set({ status: "cancelled", updatedAt: now }).where(eq(challenges.id, row!.challengeId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "creators.campaign.cancelled",
      subjectType: "campaign",
      subjectId: campaignId,
      before: { status },
      after: { status: "cancelled", reason: data.reason },
      at: now,
    });
    await emitEvent(tx, { type: CAMPAIGN_CANCELLED, payload: { campaignId, reason: data.reason, cancelledBy: user.id } satisfies CampaignCancelledPayload, occurredAt: now });
  });
  return (await campaignViewById(ctx.db, campaignId, now, user))!;
}
