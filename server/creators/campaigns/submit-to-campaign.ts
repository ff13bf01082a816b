import { and, eq, sql } from "drizzle-orm";
import { campaigns, campaignSubmissions, posts, postTopics } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { AppError, isUniqueViolation } from "../../shared/errors";
import { hasJoined } from "./join-campaign";
import { isUuid, submitToCampaignSchema, type SubmissionView, type SubmitToCampaignInput } from "./schemas";
import { findCampaign, statusAt, submissionViews } from "./views";

const invalid = (message: string) => new AppError("VALIDATION_FAILED", "validationFailed", { fields: { postId: [message] } });

/**
 * Enters one of the member's notes into a content bounty they joined. The note must be their own,
 * published, published after the campaign started, and in its category and topic when it has them —
 * each refusal is a 422 on `postId` and writes nothing. The same note enters once (unique index).
 */
export async function submitToCampaign(ctx: AppContext, user: CurrentUser | null, campaignId: string, input: SubmitToCampaignInput): Promise<SubmissionView> {
  if (!user) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  const data = parseInput(submitToCampaignSchema, input);
  if (!isUuid(campaignId)) throw new AppError("NOT_FOUND", "campaigns.notFound");
  const campaign = await findCampaign(ctx.db, campaignId);
  if (!campaign || campaign.status === "draft") throw new AppError("NOT_FOUND", "campaigns.notFound");
  if (campaign.type !== "content_bounty") throw new AppError("CONFLICT", "campaigns.submit.notBounty");
  const now = ctx.clock.now();
  const status = statusAt(campaign, now);
  if (status === "cancelled") throw new AppError("CONFLICT", "campaigns.cancelled");
  if (status !== "active") throw new AppError("CONFLICT", "campaigns.submit.ended");
  if (!(await hasJoined(ctx, campaignId, user.id))) throw new AppError("CONFLICT", "campaigns.submit.notJoined");

  const [post] = await ctx.db
    .select({ authorId: posts.authorId, status: posts.status, publishedAt: posts.publishedAt, categoryId: posts.categoryId })
    .from(posts)
    .where(eq(posts.id, data.postId));
  if (!post || post.authorId !== user.id) throw invalid("campaigns.submit.notYours");
  if (post.status !== "published" || !post.publishedAt) throw invalid("campaigns.submit.notPublished");
  if (post.publishedAt < campaign.startsAt) throw invalid("campaigns.submit.tooEarly");
  if (campaign.categoryId && post.categoryId !== campaign.categoryId) throw invalid("campaigns.submit.category");
  if (campaign.topicId) {
    const [tagged] = await ctx.db
      .select({ one: sql<number>`1` })
      .from(postTopics)
      .where(and(eq(postTopics.postId, data.postId), eq(postTopics.topicId, campaign.topicId)));
    if (!tagged) throw invalid("campaigns.submit.topic");
  }

  let id: string;
  try {
    id = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(campaignSubmissions)
        .values({ campaignId, postId: data.postId, userId: user.id, status: "submitted", submittedAt: now })
        .returning({ id: campaignSubmissions.id });
      await tx
        .update(campaigns)
        .set({ submissionCount: sql`${campaigns.submissionCount} + 1` })
        .where(eq(campaigns.id, campaignId));
      await emitEvent(tx, { type: "creators.campaign.submitted", payload: { campaignId, submissionId: row!.id, userId: user.id, postId: data.postId }, occurredAt: now });
      return row!.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "campaigns.submit.duplicate");
    throw e;
  }
  return (await submissionViews(ctx.db, eq(campaignSubmissions.id, id)))[0]!;
}
