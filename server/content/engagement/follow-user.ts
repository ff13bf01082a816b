import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { follows, userStats } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { emitEvent } from "../../jobs/emit-event";
import { AppError } from "../../shared/errors";
import { isUuid } from "../schemas";
import { rowsOf } from "../../shared/sql-rows";
import { ENGAGEMENT_EVENTS, type UserFollowPayload } from "./events";
import { addToUserStat } from "./user-stats";

async function requireActiveUser(tx: Transaction, userId: string): Promise<void> {
  if (!isUuid(userId)) throw new AppError("NOT_FOUND", "notFound");
  const [row] = rowsOf(await tx.execute(sql`select 1 from users where id = ${userId} and status = 'active'`));
  if (!row) throw new AppError("NOT_FOUND", "notFound");
}

/**
 * Moves both members' counters. Always the lower user id first: A following B while B follows A
 * would otherwise lock the two user_stats rows in opposite orders and deadlock.
 */
async function moveFollowCounters(tx: Transaction, followerId: string, followeeId: string, delta: 1 | -1): Promise<number> {
  let followerCount = 0;
  const steps = [
    { userId: followerId, run: () => addToUserStat(tx, followerId, "followingCount", delta) },
    { userId: followeeId, run: async () => void (followerCount = await addToUserStat(tx, followeeId, "followerCount", delta)) },
  ].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  for (const step of steps) await step.run();
  return followerCount;
}

async function currentFollowerCount(tx: Transaction, userId: string): Promise<number> {
  const [row] = await tx.select({ n: userStats.followerCount }).from(userStats).where(eq(userStats.userId, userId));
  return row?.n ?? 0;
}

/**
 * Follows an active member. Following yourself is VALIDATION_FAILED; following twice is a no-op.
 * The follows row, both members' counters and `content.user.followed` commit together.
 */
export async function followUser(
  ctx: Pick<AppContext, "db" | "clock">,
  user: CurrentUser,
  targetUserId: string,
): Promise<{ following: boolean; followerCount: number }> {
  requirePermission(user, "follow:user:any");
  if (targetUserId === user.id) {
    throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { userId: ["validation.invalid"] } });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await requireActiveUser(tx, targetUserId);
    const inserted = await tx
      .insert(follows)
      .values({ followerId: user.id, followeeId: targetUserId, createdAt: now })
      .onConflictDoNothing()
      .returning({ followerId: follows.followerId });
    if (inserted.length === 0) return { following: true, followerCount: await currentFollowerCount(tx, targetUserId) };
    const followerCount = await moveFollowCounters(tx, user.id, targetUserId, 1);
    const payload: UserFollowPayload = { followerId: user.id, followeeId: targetUserId };
    await emitEvent(tx, { type: ENGAGEMENT_EVENTS.userFollowed, payload, occurredAt: now });
    return { following: true, followerCount };
  });
}

/** Stops following; a no-op when not following. Works even if the other member was suspended since. */
export async function unfollowUser(
  ctx: Pick<AppContext, "db" | "clock">,
  user: CurrentUser,
  targetUserId: string,
): Promise<{ following: boolean; followerCount: number }> {
  requirePermission(user, "follow:user:any");
  if (!isUuid(targetUserId)) throw new AppError("NOT_FOUND", "notFound");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const deleted = await tx
      .delete(follows)
      .where(and(eq(follows.followerId, user.id), eq(follows.followeeId, targetUserId)))
      .returning({ followerId: follows.followerId });
    if (deleted.length === 0) return { following: false, followerCount: await currentFollowerCount(tx, targetUserId) };
    const followerCount = await moveFollowCounters(tx, user.id, targetUserId, -1);
    const payload: UserFollowPayload = { followerId: user.id, followeeId: targetUserId };
    await emitEvent(tx, { type: ENGAGEMENT_EVENTS.userUnfollowed, payload, occurredAt: now });
    return { following: false, followerCount };
  });
}
