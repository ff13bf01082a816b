import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { campaigns, campaignSubmissions } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { openPointLot, platformAccount, postEntry, userAccount } from "../../ledger";
import { recordAudit } from "../../ops";
import { AppError, isAppError } from "../../shared/errors";
import { expiresAtFor, readPointsPolicy } from "../../gamification/points";
// Modules, not the context indexes: the commission pipeline imports this area's bonus rate.
import { featurePost } from "../../content/feature-post";
import { commissionExpense, creatorEarnings } from "../../distribution/commissions/accounts";
import { isUuid, reviewSubmissionSchema, type ReviewSubmissionInput, type SubmissionView } from "./schemas";
import { findCampaign, judgingOpen, mayManage, statusAt, submissionViews, type CampaignRow } from "./views";

/** One approval reward per member and campaign, however many notes they enter or judges click. */
export const campaignRewardKey = (campaignId: string, userId: string) => `points:campaign:${campaignId}:${userId}`;
/** The top-N extra, once per member and campaign. */
export const campaignTopKey = (campaignId: string, userId: string) => `points:campaign:${campaignId}:${userId}:top`;
/** A platform campaign's cash bonus for a top pick, once per member and campaign. */
export const campaignCashKey = (campaignId: string, userId: string) => `cash:campaign:${campaignId}:${userId}:top`;

/**
 * Judges one submission: approve (paying the campaign's reward points), reject with a reason, or pick
 * it as one of the top N (approving it if needed and paying the extra). Staff judge any campaign, a
 * creator their own. The submission row is locked for the decision and, for a top pick, the campaign
 * row too (so two judges can't both take the last of the N places); the points go through keyed
 * ledger entries, so however many judges click at once, a member is paid once.
 *
 * A top pick of a platform campaign also earns its cash bonus (the platform's commission expense →
 * the member's cny earnings, keyed per member and campaign, so withdrawable like commission) and is
 * featured on the home page's 精选 feed. Judging is open while the campaign runs and for 7 days after
 * its end; a cancelled campaign pays nothing more (409). The campaign row is locked (shared for
 * approve and reject) so a cancellation can't slip between the check and the payment.
 */
export async function reviewSubmission(
  ctx: AppContext,
  judge: CurrentUser | null,
  submissionId: string,
  input: ReviewSubmissionInput,
): Promise<SubmissionView> {
  if (!judge) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  const data = parseInput(reviewSubmissionSchema, input);
  if (!isUuid(submissionId)) throw new AppError("NOT_FOUND", "campaigns.submission.notFound");
  const [found] = await ctx.db.select().from(campaignSubmissions).where(eq(campaignSubmissions.id, submissionId));
  if (!found) throw new AppError("NOT_FOUND", "campaigns.submission.notFound");
  const campaign = (await findCampaign(ctx.db, found.campaignId))!;
  if (!mayManage(judge, campaign)) throw new AppError("FORBIDDEN", "forbidden");
  // Nobody judges their own entry, not even staff who happened to take part.
  if (found.userId === judge.id) throw new AppError("FORBIDDEN", "campaigns.review.own");
  const now = ctx.clock.now();

  await ctx.db.transaction(async (tx) => {
    // Lock the campaign first, then the submission: every top pick of one campaign queues here, and a
    // cancellation (which takes the row for update) waits for decisions in flight or they for it.
    const [locked] = await tx
      .select()
      .from(campaigns)
      .where(eq(campaigns.id, campaign.id))
      .for(data.action === "topPick" ? "update" : "share");
    if (statusAt(locked!, now) === "cancelled") throw new AppError("CONFLICT", "campaigns.cancelled");
    if (!judgingOpen(locked!, now)) throw new AppError("CONFLICT", "campaigns.review.closed");
    const [sub] = await tx.select().from(campaignSubmissions).where(eq(campaignSubmissions.id, submissionId)).for("update");
    const before = { status: sub!.status, topPick: sub!.topPick, reason: sub!.reason };
    if (data.action === "reject") {
      if (sub!.status !== "submitted") throw new AppError("CONFLICT", "campaigns.review.decided");
      await tx
        .update(campaignSubmissions)
        .set({ status: "rejected", reason: data.reason, reviewedBy: judge.id, reviewedAt: now })
        .where(eq(campaignSubmissions.id, submissionId));
    } else if (data.action === "approve") {
      if (sub!.status !== "submitted") throw new AppError("CONFLICT", "campaigns.review.decided");
      const paid = await pay(tx, ctx, campaign, sub!.userId, campaign.rewardPoints, campaignRewardKey(campaign.id, sub!.userId), now);
      await tx
        .update(campaignSubmissions)
        .set({ status: "approved", reason: data.reason ?? null, reviewedBy: judge.id, reviewedAt: now, rewardedPoints: sql`${campaignSubmissions.rewardedPoints} + ${paid}` })
        .where(eq(campaignSubmissions.id, submissionId));
    } else {
      if (sub!.status === "rejected") throw new AppError("CONFLICT", "campaigns.review.decided");
      if (sub!.topPick) throw new AppError("CONFLICT", "campaigns.review.alreadyTop");
      const [{ n }] = (await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(campaignSubmissions)
        .where(and(eq(campaignSubmissions.campaignId, campaign.id), eq(campaignSubmissions.topPick, true)))) as [{ n: number }];
      if (Number(n) >= campaign.topN) throw new AppError("CONFLICT", "campaigns.review.topFull");
      let paid = 0;
      if (sub!.status === "submitted") paid += await pay(tx, ctx, campaign, sub!.userId, campaign.rewardPoints, campaignRewardKey(campaign.id, sub!.userId), now);
      paid += await pay(tx, ctx, campaign, sub!.userId, campaign.topExtraPoints, campaignTopKey(campaign.id, sub!.userId), now);
      const cents = locked!.ownerType === "platform" ? await payCash(tx, locked!, sub!.userId, now) : 0;
      await tx
        .update(campaignSubmissions)
        .set({
          status: "approved",
          topPick: true,
          reviewedBy: judge.id,
          reviewedAt: now,
          rewardedPoints: sql`${campaignSubmissions.rewardedPoints} + ${paid}`,
          rewardedCents: sql`${campaignSubmissions.rewardedCents} + ${cents}`,
        })
        .where(eq(campaignSubmissions.id, submissionId));
      if (locked!.ownerType === "platform") await featureOnHome(tx, ctx, judge, sub!.postId);
    }
    const [after] = await tx.select().from(campaignSubmissions).where(eq(campaignSubmissions.id, submissionId));
    await recordAudit(tx, {
      actorId: judge.id,
      action: `creators.campaign.submission.${data.action}`,
      subjectType: "campaign_submission",
      subjectId: submissionId,
      before,
      after: { status: after!.status, topPick: after!.topPick, reason: after!.reason, rewardedPoints: after!.rewardedPoints, rewardedCents: after!.rewardedCents },
      at: now,
    });
    await emitEvent(tx, {
      type: "creators.campaign.reviewed",
      payload: { campaignId: campaign.id, submissionId, userId: sub!.userId, action: data.action, reason: after!.reason },
      occurredAt: now,
    });
  });
  return (await submissionViews(ctx.db, eq(campaignSubmissions.id, submissionId)))[0]!;
}

/** Issues points once per key (platform issuance → the member's points, with a FIFO lot); 0 when the key was paid before. */
async function pay(tx: Transaction, ctx: AppContext, campaign: CampaignRow, userId: string, amount: number, key: string, now: Date): Promise<number> {
  if (amount <= 0) return 0;
  const entry = await postEntry(tx, {
    idempotencyKey: key,
    reason: "campaign.reward",
    userId,
    occurredAt: now,
    now,
    memo: { campaignId: campaign.id, title: campaign.title },
    postings: [
      { account: userAccount(userId, "points"), amount },
      { account: platformAccount("points", "issuance"), amount: -amount },
    ],
  });
  if (!entry.created) return 0;
  const policy = await readPointsPolicy(tx);
  await openPointLot(tx, { userId, entryId: entry.entryId, amount, earnedAt: now, expiresAt: expiresAtFor(now, policy.expiry, ctx.config.platformTimeZone) });
  return amount;
}

/**
 * Pays a platform campaign's cash bonus once per member and campaign: the platform's commission
 * expense → the member's cny earnings (confirmed at once: no order can be refunded behind it).
 * 0 when the campaign offers none or the key was paid before.
 */
async function payCash(tx: Transaction, campaign: CampaignRow, userId: string, now: Date): Promise<number> {
  const amount = campaign.topBonusCents;
  if (amount <= 0) return 0;
  const entry = await postEntry(tx, {
    idempotencyKey: campaignCashKey(campaign.id, userId),
    reason: "campaign.bonus",
    userId,
    occurredAt: now,
    now,
    memo: { campaignId: campaign.id, title: campaign.title },
    postings: [
      { account: creatorEarnings(userId), amount },
      { account: commissionExpense(), amount: -amount },
    ],
  });
  return entry.created ? amount : 0;
}

/**
 * Features a platform campaign's top note on the home page's 精选 feed, in a savepoint: a note hidden
 * or removed since it was entered stays unfeatured, and the pick and its rewards stand.
 */
async function featureOnHome(tx: Transaction, ctx: AppContext, judge: CurrentUser, postId: string): Promise<void> {
  try {
    // featurePost opens its own transaction, which on a transaction is a savepoint.
    await featurePost({ ...ctx, db: tx as unknown as AppContext["db"] }, judge, postId);
  } catch (e) {
    if (!isAppError(e)) throw e;
  }
}
