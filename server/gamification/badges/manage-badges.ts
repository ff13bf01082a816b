import { eq } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { badges, challenges } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { recordAudit } from "../../ops";
import { AppError, isUniqueViolation } from "../../shared/errors";
import { badgeViewOf } from "./badge-rows";
import { createBadgeSchema, updateBadgeSchema, type BadgeView, type CreateBadgeInput, type CriterionInput, type UpdateBadgeInput } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Badges are definitions staff own: creating, editing and granting them all need this permission. */
export const BADGE_STAFF_PERMISSION = "award:badge:any" as const;

/** A challenge criterion must name a challenge that exists (or none: any challenge). */
async function checkCriterion(db: Queryable, criterion: CriterionInput | undefined): Promise<void> {
  if (criterion?.type !== "challenge" || criterion.challengeId === null) return;
  const [found] = await db.select({ id: challenges.id }).from(challenges).where(eq(challenges.id, criterion.challengeId));
  if (!found) {
    throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { "criterion.challengeId": ["badges.challenge.unknown"] } });
  }
}

/** Staff add a badge definition; audited. Members start earning it from the next event or the nightly backfill. */
export async function createBadge(ctx: AppContext, staff: CurrentUser, input: CreateBadgeInput): Promise<BadgeView> {
  requirePermission(staff, BADGE_STAFF_PERMISSION);
  const data = parseInput(createBadgeSchema, input);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      await checkCriterion(tx, data.criterion);
      const [row] = await tx
        .insert(badges)
        .values({ ...data, createdAt: now, updatedAt: now })
        .returning();
      await recordAudit(tx, { actorId: staff.id, action: "gamification.badge.created", subjectType: "badge", subjectId: row!.id, before: null, after: row, at: now });
      return badgeViewOf(row!, null);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "badges.slug.taken", { fields: { slug: ["badges.slug.taken"] }, cause: e });
    throw e;
  }
}

/**
 * Staff edit a definition; audited with before and after. Grants already made stay: raising a
 * threshold takes nothing away, lowering it lets the next event or the backfill grant more.
 */
export async function updateBadge(ctx: AppContext, staff: CurrentUser, badgeId: string, input: UpdateBadgeInput): Promise<BadgeView> {
  requirePermission(staff, BADGE_STAFF_PERMISSION);
  const data = parseInput(updateBadgeSchema, input);
  if (!UUID.test(badgeId)) throw new AppError("NOT_FOUND", "badges.notFound");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(badges).where(eq(badges.id, badgeId)).for("update");
    if (!before) throw new AppError("NOT_FOUND", "badges.notFound");
    await checkCriterion(tx, data.criterion);
    const [row] = await tx
      .update(badges)
      .set({ ...data, updatedAt: now })
      .where(eq(badges.id, badgeId))
      .returning();
    await recordAudit(tx, { actorId: staff.id, action: "gamification.badge.updated", subjectType: "badge", subjectId: badgeId, before, after: row, at: now });
    return badgeViewOf(row!, null);
  });
}

/** Every definition, disabled ones too, for the staff page. */
export async function listAllBadges(ctx: Pick<AppContext, "db">, staff: CurrentUser): Promise<BadgeView[]> {
  requirePermission(staff, BADGE_STAFF_PERMISSION);
  const rows = await ctx.db.select().from(badges).orderBy(badges.createdAt, badges.slug);
  return rows.map((r) => badgeViewOf(r, null));
}
