import { and, eq, isNull, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { challengeCheckins, challengeParticipants, challenges, postTopics, posts } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { openPointLot, platformAccount, postEntry, userAccount } from "../../ledger";
import { localDate } from "../../shared/clock";
import { AppError } from "../../shared/errors";
import { expiresAtFor, readPointsPolicy } from "../points";
import { activityIds, pushActivity } from "./activity";
import { dayNumber } from "./rules";
import { checkInSchema, type CheckInInput, type CheckInResult } from "./schemas";
import { findChallenge, todayOf, type ChallengeRow } from "./views";

export const CHALLENGE_COMPLETED_EVENT = "gamification.challenge.completed";
export const CHALLENGE_CHECKED_IN_EVENT = "gamification.challenge.checkedIn";

/** The payload of `gamification.challenge.completed`; the badges area grants rewardBadgeId from it. */
export interface ChallengeCompletedPayload {
  challengeId: string;
  userId: string;
  rewardBadgeId: string | null;
  rewardPoints: number;
  [key: string]: unknown;
}

const proofError = (message: string, code: "VALIDATION_FAILED" | "CONFLICT" = "VALIDATION_FAILED") =>
  new AppError(code, message, { fields: { postId: [message] } });

/** The reward's ledger key: one payment per member and challenge, ever. */
export const rewardKey = (challengeId: string, userId: string) => `points:challenge:${challengeId}:${userId}`;

/**
 * Checks in for today (platform-local) with a proof note. The proof must be the member's own note,
 * published, published today — so a note proves the day it was written and no other — not used for
 * another day of this challenge (the unique index (challenge_id, post_id) stands behind that), and in
 * the challenge's category or topic when it has one.
 *
 * Progress moves in the same transaction as the check-in. The participation row is locked first, so
 * one member's concurrent check-ins queue; the one that reaches the required days sets completed_at
 * (only while it is null), and only that one bumps completed_count, pays the reward through the
 * ledger (key `points:challenge:<challengeId>:<userId>`, exactly once even if all else failed) and
 * emits `gamification.challenge.completed`, whose consumers notify the member and grant the badge.
 */
export async function challengeCheckIn(
  ctx: AppContext,
  user: CurrentUser | null,
  challengeId: string,
  input: CheckInInput,
): Promise<CheckInResult> {
  requirePermission(user, "join:challenge:any");
  const data = parseInput(checkInSchema, input);
  const challenge = await findChallenge(ctx.db, challengeId);
  if (!challenge) throw new AppError("NOT_FOUND", "challenges.notFound");
  const now = ctx.clock.now();
  const today = todayOf(ctx);
  if (today < challenge.startsOn || today > challenge.endsOn) throw new AppError("CONFLICT", "challenges.checkin.notOpen");
  const [joined] = await ctx.db
    .select({ userId: challengeParticipants.userId })
    .from(challengeParticipants)
    .where(and(eq(challengeParticipants.challengeId, challenge.id), eq(challengeParticipants.userId, user.id)));
  if (!joined) throw new AppError("CONFLICT", "challenges.checkin.notJoined");
  if (challenge.proofRequired && !data.postId) throw proofError("challenges.proof.required");
  if (data.postId) await checkProof(ctx, challenge, user.id, data.postId, today);

  const outcome = await ctx.db.transaction(async (tx) => {
    // Serialises this member's check-ins on this challenge: the day and completion checks below
    // then read settled state, while other members check in undisturbed.
    await tx.execute(
      sql`select 1 from challenge_participants where challenge_id = ${challenge.id} and user_id = ${user.id} for update`,
    );
    const [inserted] = await tx
      .insert(challengeCheckins)
      .values({ challengeId: challenge.id, userId: user.id, localDate: today, postId: data.postId ?? null, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: challengeCheckins.id });
    if (!inserted) {
      const [sameDay] = await tx
        .select({ id: challengeCheckins.id })
        .from(challengeCheckins)
        .where(and(eq(challengeCheckins.challengeId, challenge.id), eq(challengeCheckins.userId, user.id), eq(challengeCheckins.localDate, today)));
      if (sameDay) throw new AppError("CONFLICT", "challenges.checkin.already");
      throw proofError("challenges.proof.used", "CONFLICT");
    }
    const [progress] = await tx
      .update(challengeParticipants)
      .set({ daysDone: sql`${challengeParticipants.daysDone} + 1`, lastCheckinDate: today })
      .where(and(eq(challengeParticipants.challengeId, challenge.id), eq(challengeParticipants.userId, user.id)))
      .returning();
    await emitEvent(tx, {
      type: CHALLENGE_CHECKED_IN_EVENT,
      payload: { challengeId: challenge.id, userId: user.id, localDate: today, postId: data.postId ?? null, daysDone: progress!.daysDone },
      occurredAt: now,
    });

    let completedNow = false;
    let completedAt = progress!.completedAt;
    if (progress!.daysDone >= challenge.requiredDays && progress!.completedAt === null) {
      const [done] = await tx
        .update(challengeParticipants)
        .set({ completedAt: now })
        .where(
          and(eq(challengeParticipants.challengeId, challenge.id), eq(challengeParticipants.userId, user.id), isNull(challengeParticipants.completedAt)),
        )
        .returning({ completedAt: challengeParticipants.completedAt });
      if (done) {
        completedNow = true;
        completedAt = done.completedAt;
        await tx
          .update(challenges)
          .set({ completedCount: sql`${challenges.completedCount} + 1` })
          .where(eq(challenges.id, challenge.id));
        await payReward(tx, ctx, challenge, user.id, now);
        const payload: ChallengeCompletedPayload = {
          challengeId: challenge.id,
          userId: user.id,
          rewardBadgeId: challenge.rewardBadgeId,
          rewardPoints: challenge.rewardPoints,
        };
        await emitEvent(tx, { type: CHALLENGE_COMPLETED_EVENT, payload, occurredAt: now });
      }
    }
    const [counts] = await tx
      .select({ participantCount: challenges.participantCount, completedCount: challenges.completedCount })
      .from(challenges)
      .where(eq(challenges.id, challenge.id));
    return { daysDone: progress!.daysDone, completedNow, completedAt, counts: counts! };
  });

  const day = dayNumber(challenge.startsOn, today);
  await pushActivity(ctx, {
    challengeId: challenge.id,
    userId: user.id,
    id: activityIds.checkedIn(challenge.id, user.id, today),
    kind: "checkedIn",
    day,
    at: now.toISOString(),
    ...outcome.counts,
  });
  if (outcome.completedNow) {
    await pushActivity(ctx, {
      challengeId: challenge.id,
      userId: user.id,
      id: activityIds.completed(challenge.id, user.id),
      kind: "completed",
      day: null,
      at: now.toISOString(),
      ...outcome.counts,
    });
  }
  return {
    localDate: today,
    day,
    postId: data.postId ?? null,
    daysDone: outcome.daysDone,
    requiredDays: challenge.requiredDays,
    completedNow: outcome.completedNow,
    completedAt: outcome.completedAt?.toISOString() ?? null,
    rewardPoints: outcome.completedNow ? challenge.rewardPoints : 0,
  };
}

/** Why a note can't prove today's check-in, as a field message on `postId`; nothing when it can. */
async function checkProof(ctx: AppContext, challenge: ChallengeRow, userId: string, postId: string, today: string): Promise<void> {
  const [post] = await ctx.db
    .select({ id: posts.id, authorId: posts.authorId, status: posts.status, publishedAt: posts.publishedAt, categoryId: posts.categoryId })
    .from(posts)
    .where(eq(posts.id, postId));
  if (!post || post.status === "deleted") throw proofError("challenges.proof.notFound");
  if (post.authorId !== userId) throw proofError("challenges.proof.notYours");
  if (post.status !== "published" || !post.publishedAt) throw proofError("challenges.proof.notPublished");
  const publishedOn = localDate(post.publishedAt, ctx.config.platformTimeZone);
  if (publishedOn < challenge.startsOn) throw proofError("challenges.proof.beforeStart");
  if (publishedOn !== today) throw proofError("challenges.proof.notToday");
  if (challenge.categoryId && post.categoryId !== challenge.categoryId) throw proofError("challenges.proof.category");
  if (challenge.topicId) {
    const [tagged] = await ctx.db
      .select({ postId: postTopics.postId })
      .from(postTopics)
      .where(and(eq(postTopics.postId, post.id), eq(postTopics.topicId, challenge.topicId)));
    if (!tagged) throw proofError("challenges.proof.topic");
  }
  const [used] = await ctx.db
    .select({ id: challengeCheckins.id })
    .from(challengeCheckins)
    .where(and(eq(challengeCheckins.challengeId, challenge.id), eq(challengeCheckins.postId, post.id)));
  if (used) throw proofError("challenges.proof.used", "CONFLICT");
}

/** The reward points: issued by the platform into the member's available points, with a FIFO lot. */
async function payReward(
  tx: Transaction,
  ctx: AppContext,
  challenge: ChallengeRow,
  userId: string,
  now: Date,
): Promise<void> {
  if (challenge.rewardPoints <= 0) return;
  const entry = await postEntry(tx, {
    idempotencyKey: rewardKey(challenge.id, userId),
    reason: "challenge.completed",
    userId,
    occurredAt: now,
    now,
    memo: { challengeId: challenge.id, title: challenge.title },
    postings: [
      { account: userAccount(userId, "points"), amount: challenge.rewardPoints },
      { account: platformAccount("points", "issuance"), amount: -challenge.rewardPoints },
    ],
  });
  if (!entry.created) return;
  const policy = await readPointsPolicy(tx);
  await openPointLot(tx, {
    userId,
    entryId: entry.entryId,
    amount: challenge.rewardPoints,
    earnedAt: now,
    expiresAt: expiresAtFor(now, policy.expiry, ctx.config.platformTimeZone),
  });
}
