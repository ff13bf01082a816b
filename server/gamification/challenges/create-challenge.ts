import { and, eq, sql } from "drizzle-orm";
import { badges, categories, challenges, topics } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { requireReadyUploads } from "../../media";
import { recordAudit } from "../../ops";
import { AppError, isAppError } from "../../shared/errors";
import { getChallenge } from "./get-challenge";
import { createChallengeSchema, type ChallengeDetail, type CreateChallengeInput } from "./schemas";
import { todayOf } from "./views";

const invalid = (field: string, message: string) => new AppError("VALIDATION_FAILED", "validationFailed", { fields: { [field]: [message] } });

/**
 * Creates a published challenge. Staff may (`create:challenge:any`), and so may creators
 * (`create:challenge:own`), whose fan challenges the creator programme builds on. Every reference is
 * checked before anything is written — the cover is the caller's own finished image, the category is
 * an active one, the reward badge exists — and the start may not lie in the platform's past.
 * A topic is created on first use, as a note's #topic is.
 */
export async function createChallenge(ctx: AppContext, user: CurrentUser | null, input: CreateChallengeInput): Promise<ChallengeDetail> {
  requirePermission(user, "create:challenge:own");
  const data = parseInput(createChallengeSchema, input);
  const now = ctx.clock.now();
  if (data.startsOn < todayOf(ctx)) throw invalid("startsOn", "challenges.startsOn.past");

  if (data.coverUploadId) {
    try {
      await requireReadyUploads(ctx.db, user.id, [data.coverUploadId], { kinds: ["image"] });
    } catch (e) {
      if (isAppError(e)) throw invalid("coverUploadId", "challenges.cover.invalid");
      throw e;
    }
  }
  let categoryId: string | null = null;
  if (data.categorySlug) {
    const [row] = await ctx.db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.slug, data.categorySlug.toLowerCase()), eq(categories.isActive, true)));
    if (!row) throw invalid("categorySlug", "challenges.category.unknown");
    categoryId = row.id;
  }
  if (data.rewardBadgeId) {
    const [row] = await ctx.db.select({ id: badges.id }).from(badges).where(eq(badges.id, data.rewardBadgeId));
    if (!row) throw invalid("rewardBadgeId", "challenges.badge.unknown");
  }

  const id = await ctx.db.transaction(async (tx) => {
    let topicId: string | null = null;
    if (data.topic) {
      await tx.insert(topics).values({ name: data.topic, createdAt: now }).onConflictDoNothing();
      const [row] = await tx.select({ id: topics.id }).from(topics).where(sql`lower(${topics.name}) = ${data.topic.toLowerCase()}`);
      topicId = row!.id;
    }
    const [row] = await tx
      .insert(challenges)
      .values({
        title: data.title,
        description: data.description,
        rules: data.rules,
        coverUploadId: data.coverUploadId ?? null,
        startsOn: data.startsOn,
        endsOn: data.endsOn,
        requiredDays: data.requiredDays,
        categoryId,
        topicId,
        proofRequired: data.proofRequired,
        makeupCardsAllowed: data.makeupCardsAllowed,
        rewardPoints: data.rewardPoints,
        rewardBadgeId: data.rewardBadgeId ?? null,
        status: "published",
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, {
      actorId: user.id,
      action: "gamification.challenge.created",
      subjectType: "challenge",
      subjectId: row!.id,
      before: null,
      after: { ...data },
      at: now,
    });
    return row!.id;
  });
  return getChallenge(ctx, id, user);
}
