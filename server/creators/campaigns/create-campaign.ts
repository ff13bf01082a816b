import { and, eq, inArray, sql } from "drizzle-orm";
import { campaigns, categories, challenges, products, topics } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { requireReadyUploads } from "../../media";
import { recordAudit } from "../../ops";
import { localDate } from "../../shared/clock";
import { AppError, isAppError } from "../../shared/errors";
import { ensureFanGroup } from "../fan-groups/ensure-fan-group";
import { createCampaignSchema, type CampaignView, type CreateCampaignInput } from "./schemas";
import { campaignViewById, mayRunCampaigns } from "./views";

const invalid = (field: string, message: string) => new AppError("VALIDATION_FAILED", "validationFailed", { fields: { [field]: [message] } });

/**
 * Starts a campaign. Staff run platform campaigns (`create:campaign:any`); a creator from tier C2 runs
 * their own for their fans. Every reference (cover, category, products) is checked before anything is
 * written. A check-in challenge campaign creates its gamification challenge in the same transaction,
 * owned by whoever runs the campaign, so the challenge pages and check-ins work unchanged; a fan-only
 * one can only be joined by the creator's fan group. Fan-only needs a creator: the platform has no fans.
 */
export async function createCampaign(ctx: AppContext, user: CurrentUser | null, input: CreateCampaignInput): Promise<CampaignView> {
  requirePermission(user, "create:campaign:own");
  const data = parseInput(createCampaignSchema, input);
  if (!(await mayRunCampaigns(ctx.db, user))) throw new AppError("FORBIDDEN", "campaigns.tierTooLow");
  const platform = user.roles.includes("staff") || user.roles.includes("admin");
  const now = ctx.clock.now();
  const startsAt = new Date(data.startsAt);
  const endsAt = new Date(data.endsAt);
  if (endsAt <= now) throw invalid("endsAt", "campaigns.endsAt.past");
  if (data.fanGroupOnly && platform) throw invalid("fanGroupOnly", "campaigns.fanGroupOnly.platform");
  // Cash comes out of the platform's budget: a creator's campaign rewards in points only.
  if (data.topBonusCents > 0 && !platform) throw invalid("topBonusCents", "campaigns.topBonusCents.platformOnly");

  if (data.coverUploadId) {
    try {
      await requireReadyUploads(ctx.db, user.id, [data.coverUploadId], { kinds: ["image"] });
    } catch (e) {
      if (isAppError(e)) throw invalid("coverUploadId", "campaigns.cover");
      throw e;
    }
  }
  let categoryId: string | null = null;
  if (data.categorySlug) {
    const [row] = await ctx.db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.slug, data.categorySlug.toLowerCase()), eq(categories.isActive, true)));
    if (!row) throw invalid("categorySlug", "campaigns.category");
    categoryId = row.id;
  }
  const productIds = [...new Set(data.productIds)];
  if (productIds.length > 0) {
    const found = await ctx.db.select({ id: products.id }).from(products).where(and(inArray(products.id, productIds), eq(products.status, "active")));
    if (found.length !== productIds.length) throw invalid("productIds", "campaigns.productIds.unknown");
  }
  const tz = ctx.config.platformTimeZone;
  const startsOn = localDate(startsAt, tz);
  const endsOn = localDate(endsAt, tz);
  const spanDays = Math.round((Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000) + 1;
  if (data.type === "checkin_challenge" && data.requiredDays! > spanDays) throw invalid("requiredDays", "campaigns.requiredDays.span");

  const id = await ctx.db.transaction(async (tx) => {
    let topicId: string | null = null;
    if (data.topic) {
      await tx.insert(topics).values({ name: data.topic, createdAt: now }).onConflictDoNothing();
      const [row] = await tx.select({ id: topics.id }).from(topics).where(sql`lower(${topics.name}) = ${data.topic.toLowerCase()}`);
      topicId = row!.id;
    }
    if (!platform) await ensureFanGroup(tx, user.id, now);
    let challengeId: string | null = null;
    if (data.type === "checkin_challenge") {
      const [challenge] = await tx
        .insert(challenges)
        .values({
          title: data.title,
          description: data.brief,
          startsOn,
          endsOn,
          requiredDays: data.requiredDays!,
          categoryId,
          topicId,
          proofRequired: false,
          rewardPoints: data.rewardPoints,
          fanGroupOnly: data.fanGroupOnly,
          status: "published",
          createdBy: user.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: challenges.id });
      challengeId = challenge!.id;
    }
    const [row] = await tx
      .insert(campaigns)
      .values({
        ownerType: platform ? "platform" : "creator",
        creatorId: platform ? null : user.id,
        type: data.type,
        title: data.title,
        brief: data.brief,
        coverUploadId: data.coverUploadId ?? null,
        categoryId,
        topicId,
        startsAt,
        endsAt,
        brandName: data.brandName ?? null,
        rewardPoints: data.rewardPoints,
        topExtraPoints: data.topExtraPoints,
        topN: data.topN,
        topBonusCents: data.topBonusCents,
        bonusRateBp: data.type === "product_push" ? data.bonusRateBp : 0,
        productIds,
        challengeId,
        liveAt: data.liveAt ? new Date(data.liveAt) : null,
        fanGroupOnly: data.fanGroupOnly,
        status: "active",
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, {
      actorId: user.id,
      action: "creators.campaign.created",
      subjectType: "campaign",
      subjectId: row!.id,
      before: null,
      after: { type: row!.type, title: row!.title, ownerType: row!.ownerType, startsAt: data.startsAt, endsAt: data.endsAt, challengeId, topBonusCents: data.topBonusCents },
      at: now,
    });
    return row!.id;
  });
  return (await campaignViewById(ctx.db, id, now, user))!;
}
