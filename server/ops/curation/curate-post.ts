import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { postCurations, posts, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { AppError } from "../../shared/errors";
import { recomputePostScores } from "../../content/feeds/recompute-scores";
import { recordAudit } from "../audit";
import { currentWeightBp } from "./decay";
import { curatePostSchema, DEFAULT_DECAY_DAYS, DEFAULT_WEIGHT_BP, type CuratePostInput, type CurationView } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Pins, boosts or buries a published note. The note's hot score is multiplied by the curation's factor
 * the next time the score job runs (and the job is run here too, so staff see the effect at once); the
 * factor fades back to none over the decay days. A new curation ends the note's previous one (the
 * partial unique index keeps one live per note, so two racing staff leave one, not two). Audited.
 */
export async function curatePost(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null, postId: string, input: CuratePostInput): Promise<CurationView> {
  requirePermission(staff, "feature:post:any");
  const q = parseInput(curatePostSchema, input);
  if (!UUID.test(postId)) throw new AppError("NOT_FOUND", "notFound");
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [post] = await tx.select({ id: posts.id, status: posts.status }).from(posts).where(eq(posts.id, postId)).for("update");
    if (!post || post.status !== "published") throw new AppError("NOT_FOUND", "notFound");
    const [previous] = await tx.select().from(postCurations).where(and(eq(postCurations.postId, postId), isNull(postCurations.endedAt)));
    if (previous) await tx.update(postCurations).set({ endedAt: now }).where(eq(postCurations.id, previous.id));
    const [created] = await tx
      .insert(postCurations)
      .values({
        postId,
        action: q.action,
        weightBp: q.weightBp ?? DEFAULT_WEIGHT_BP[q.action],
        decayDays: q.decayDays ?? DEFAULT_DECAY_DAYS[q.action],
        startsAt: now,
        reason: q.reason ?? "",
        createdBy: staff!.id,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, {
      actorId: staff!.id,
      action: `ops.curation.${q.action}`,
      subjectType: "post",
      subjectId: postId,
      before: previous ? { action: previous.action, weightBp: previous.weightBp, decayDays: previous.decayDays } : null,
      after: { action: created!.action, weightBp: created!.weightBp, decayDays: created!.decayDays, reason: created!.reason },
      at: now,
    });
    return created!;
  });
  await recomputePostScores(ctx.db, now);
  const [view] = await curationViews(ctx, eq(postCurations.id, row.id), 1);
  return view!;
}

/** Ends a note's live curation at once (instead of waiting for it to decay). Idempotent; audited. */
export async function liftCuration(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null, postId: string): Promise<void> {
  requirePermission(staff, "feature:post:any");
  if (!UUID.test(postId)) throw new AppError("NOT_FOUND", "notFound");
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [live] = await tx.update(postCurations).set({ endedAt: now }).where(and(eq(postCurations.postId, postId), isNull(postCurations.endedAt))).returning();
    if (!live) return;
    await recordAudit(tx, {
      actorId: staff!.id,
      action: "ops.curation.lifted",
      subjectType: "post",
      subjectId: postId,
      before: { action: live.action, weightBp: live.weightBp, decayDays: live.decayDays },
      after: null,
      at: now,
    });
  });
  await recomputePostScores(ctx.db, now);
}

/** Live curations (still in force or decayed, not lifted) newest first, then the recently ended. */
export async function listCurations(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null, limit = 50): Promise<CurationView[]> {
  requirePermission(staff, "feature:post:any");
  return curationViews(ctx, undefined, limit);
}

/** Curation views matching `where`, live first: the list, and one note's live curation. */
export async function curationViews(ctx: Pick<AppContext, "db" | "clock">, where: SQL | undefined, limit: number): Promise<CurationView[]> {
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select({ c: postCurations, title: posts.title, by: users.displayName })
    .from(postCurations)
    .innerJoin(posts, eq(posts.id, postCurations.postId))
    .leftJoin(users, eq(users.id, postCurations.createdBy))
    .where(where)
    .orderBy(sql`${postCurations.endedAt} is not null`, desc(postCurations.createdAt))
    .limit(limit);
  return rows.map(({ c, title, by }) => ({
    id: c.id,
    postId: c.postId,
    postTitle: title,
    action: c.action,
    weightBp: c.weightBp,
    currentWeightBp: currentWeightBp(c, now),
    startsAt: c.startsAt.toISOString(),
    decayDays: c.decayDays,
    reason: c.reason,
    createdBy: by ?? null,
    endedAt: c.endedAt?.toISOString() ?? null,
  }));
}
