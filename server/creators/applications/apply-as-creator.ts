import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { categories, creatorApplicationEvents, creatorApplications, creatorInvitations, posts } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { AppError, pgErrorCode } from "../../shared/errors";
import { encryptPii, piiKey } from "./pii";
import { applySchema, type ApplicationView, type ApplyInput } from "./schemas";
import { applicationById } from "./views";

/**
 * A member applies to become a creator. One open application at a time (a partial unique index has the
 * last word, so two racing submissions make one); after a rejection, a new one only once its
 * `reapplyAfter` (30 days) has passed; creators don't apply again. Real name, contact and region are
 * encrypted before the INSERT. Categories must be live category slugs and sample notes the applicant's own
 * published notes, checked before anything is written. An open staff invitation moves to `applied`.
 */
export async function applyAsCreator(ctx: Pick<AppContext, "db" | "clock" | "config">, user: CurrentUser | null, input: ApplyInput): Promise<ApplicationView> {
  requirePermission(user, "apply:creator:own");
  const data = parseInput(applySchema, input);
  if (user.roles.includes("creator")) throw new AppError("CONFLICT", "creators.application.alreadyCreator");
  const now = ctx.clock.now();
  const key = piiKey(ctx.config);

  const slugs = [...new Set(data.categories)];
  const found = await ctx.db.select({ slug: categories.slug }).from(categories).where(and(inArray(categories.slug, slugs), eq(categories.isActive, true)));
  if (found.length !== slugs.length) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { categories: ["creators.application.categories"] } });
  const sampleIds = [...new Set(data.samplePostIds)];
  if (sampleIds.length) {
    const own = await ctx.db
      .select({ id: posts.id })
      .from(posts)
      .where(and(inArray(posts.id, sampleIds), eq(posts.authorId, user.id), eq(posts.status, "published"), isNull(posts.deletedAt)));
    if (own.length !== sampleIds.length) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { samplePostIds: ["creators.application.samplePosts"] } });
  }

  const id = await ctx.db
    .transaction(async (tx) => {
      const [last] = await tx
        .select()
        .from(creatorApplications)
        .where(eq(creatorApplications.applicantId, user.id))
        .orderBy(desc(creatorApplications.createdAt))
        .limit(1);
      if (last && ["submitted", "in_review", "trial"].includes(last.status)) throw new AppError("CONFLICT", "creators.application.open");
      if (last?.status === "rejected" && last.reapplyAfter && last.reapplyAfter > now) {
        throw new AppError("CONFLICT", "creators.application.reapplyLater", { fields: { _: ["creators.application.reapplyLater"] } });
      }
      const [invitation] = await tx
        .update(creatorInvitations)
        .set({ status: "applied", appliedAt: now })
        .where(and(eq(creatorInvitations.userId, user.id), eq(creatorInvitations.status, "invited")))
        .returning({ id: creatorInvitations.id });
      const [row] = await tx
        .insert(creatorApplications)
        .values({
          applicantId: user.id,
          status: "submitted",
          realNameCipher: encryptPii(key, data.realName),
          contactCipher: encryptPii(key, data.contact),
          regionCipher: encryptPii(key, data.region),
          categories: slugs,
          talents: data.talents,
          platformAccounts: data.platformAccounts,
          sampleNotes: data.sampleNotes,
          samplePostIds: sampleIds,
          invitationId: invitation?.id ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: creatorApplications.id });
      await tx.insert(creatorApplicationEvents).values({ applicationId: row!.id, actorId: user.id, fromStatus: null, toStatus: "submitted", kind: "submitted", at: now });
      return row!.id;
    })
    .catch((error: unknown) => {
      // The open-application index caught a concurrent submission.
      if (pgErrorCode(error) === "23505") throw new AppError("CONFLICT", "creators.application.open");
      throw error;
    });
  return (await applicationById(ctx.db, id))!;
}
