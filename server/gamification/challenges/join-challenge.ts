import { and, eq, sql } from "drizzle-orm";
import { challengeParticipants, challenges } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { emitEvent } from "../../jobs/emit-event";
import { AppError } from "../../shared/errors";
import { isFan } from "../../creators/fan-groups/views";
import { activityIds, pushActivity } from "./activity";
import type { JoinResult } from "./schemas";
import { findChallenge, progressOf, todayOf } from "./views";

/**
 * Joins a challenge, any time before it ends. Idempotent: the participation's primary key makes a
 * second join (or fifty at once) one row, and only the insert that made the row bumps
 * participant_count, in the same transaction, so the count is exact under any concurrency.
 */
export async function joinChallenge(ctx: AppContext, user: CurrentUser | null, challengeId: string): Promise<JoinResult> {
  requirePermission(user, "join:challenge:any");
  const challenge = await findChallenge(ctx.db, challengeId);
  if (!challenge) throw new AppError("NOT_FOUND", "challenges.notFound");
  const today = todayOf(ctx);
  if (today > challenge.endsOn) throw new AppError("CONFLICT", "challenges.join.ended");
  // A creator's fan-only challenge admits only their fan group (and the creator).
  if (challenge.fanGroupOnly && !(await isFan(ctx.db, challenge.createdBy, user.id))) throw new AppError("FORBIDDEN", "campaigns.join.fansOnly");
  const now = ctx.clock.now();

  const result = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(challengeParticipants)
      .values({ challengeId: challenge.id, userId: user.id, joinedAt: now })
      .onConflictDoNothing()
      .returning();
    let counts = { participantCount: challenge.participantCount, completedCount: challenge.completedCount };
    if (inserted) {
      const [row] = await tx
        .update(challenges)
        .set({ participantCount: sql`${challenges.participantCount} + 1` })
        .where(eq(challenges.id, challenge.id))
        .returning({ participantCount: challenges.participantCount, completedCount: challenges.completedCount });
      counts = row!;
      await emitEvent(tx, { type: "gamification.challenge.joined", payload: { challengeId: challenge.id, userId: user.id }, occurredAt: now });
    } else {
      const [row] = await tx
        .select({ participantCount: challenges.participantCount, completedCount: challenges.completedCount })
        .from(challenges)
        .where(eq(challenges.id, challenge.id));
      counts = row!;
    }
    const participation =
      inserted ??
      (await tx
        .select()
        .from(challengeParticipants)
        .where(and(eq(challengeParticipants.challengeId, challenge.id), eq(challengeParticipants.userId, user.id))))[0]!;
    return { created: Boolean(inserted), counts, participation };
  });

  if (result.created) {
    await pushActivity(ctx, {
      challengeId: challenge.id,
      userId: user.id,
      id: activityIds.joined(challenge.id, user.id),
      kind: "joined",
      day: null,
      at: now.toISOString(),
      ...result.counts,
    });
  }
  return { created: result.created, participantCount: result.counts.participantCount, me: progressOf(result.participation, today) };
}
