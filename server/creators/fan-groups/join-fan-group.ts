import { and, eq, sql } from "drizzle-orm";
import { fanGroupMembers, fanGroups, fanInteractions, userRoles, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { emitEvent } from "../../jobs/emit-event";
import { AppError } from "../../shared/errors";
import { ensureFanGroup } from "./ensure-fan-group";
import { fanLevelFor } from "./levels";
import { isUuid, type FanMembershipResult } from "./schemas";

/** The creator a fan group belongs to, or 404: only creators have fan groups. */
export async function requireCreator(ctx: Pick<AppContext, "db">, creatorId: string): Promise<{ id: string; handle: string; displayName: string }> {
  if (!isUuid(creatorId)) throw new AppError("NOT_FOUND", "fanGroups.notFound");
  const [row] = await ctx.db
    .select({ id: users.id, handle: users.handle, displayName: users.displayName, status: users.status })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "creator")))
    .where(eq(users.id, creatorId));
  if (!row || row.status !== "active") throw new AppError("NOT_FOUND", "fanGroups.notFound");
  return row;
}

/**
 * Joins a creator's fan group (粉丝团). Idempotent: the membership's primary key makes any number of
 * racing joins one row, and only the insert that made the row raises member_count, in the same
 * transaction, so the count stays exact. A fan starts with the interaction points they already earned
 * on the creator's notes (fan_interactions keeps them while not a member).
 */
export async function joinFanGroup(ctx: AppContext, user: CurrentUser | null, creatorId: string): Promise<FanMembershipResult> {
  requirePermission(user, "join:fanGroup:any");
  await requireCreator(ctx, creatorId);
  if (creatorId === user.id) throw new AppError("CONFLICT", "fanGroups.ownGroup");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await ensureFanGroup(tx, creatorId, now);
    const [earned] = await tx
      .select({ points: sql<number>`coalesce(sum(${fanInteractions.points}), 0)::int` })
      .from(fanInteractions)
      .where(and(eq(fanInteractions.creatorId, creatorId), eq(fanInteractions.userId, user.id)));
    const points = Number(earned?.points ?? 0);
    const [inserted] = await tx
      .insert(fanGroupMembers)
      .values({ creatorId, userId: user.id, interactionPoints: points, level: fanLevelFor(points), joinedAt: now })
      .onConflictDoNothing()
      .returning();
    if (inserted) {
      await tx
        .update(fanGroups)
        .set({ memberCount: sql`${fanGroups.memberCount} + 1` })
        .where(eq(fanGroups.creatorId, creatorId));
      await emitEvent(tx, { type: "creators.fanGroup.joined", payload: { creatorId, userId: user.id }, occurredAt: now });
    }
    const [group] = await tx.select({ memberCount: fanGroups.memberCount }).from(fanGroups).where(eq(fanGroups.creatorId, creatorId));
    const [me] = await tx
      .select()
      .from(fanGroupMembers)
      .where(and(eq(fanGroupMembers.creatorId, creatorId), eq(fanGroupMembers.userId, user.id)));
    return {
      created: Boolean(inserted),
      memberCount: group!.memberCount,
      member: { level: me!.level, interactionPoints: me!.interactionPoints, joinedAt: me!.joinedAt.toISOString() },
    };
  });
}

/** Leaves a fan group. Idempotent the same way: only the delete that removed the row lowers the count. */
export async function leaveFanGroup(ctx: AppContext, user: CurrentUser | null, creatorId: string): Promise<FanMembershipResult> {
  requirePermission(user, "join:fanGroup:any");
  await requireCreator(ctx, creatorId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(fanGroupMembers)
      .where(and(eq(fanGroupMembers.creatorId, creatorId), eq(fanGroupMembers.userId, user.id)))
      .returning();
    if (removed) {
      await tx
        .update(fanGroups)
        .set({ memberCount: sql`${fanGroups.memberCount} - 1` })
        .where(eq(fanGroups.creatorId, creatorId));
      await emitEvent(tx, { type: "creators.fanGroup.left", payload: { creatorId, userId: user.id }, occurredAt: now });
    }
    const [group] = await tx.select({ memberCount: fanGroups.memberCount }).from(fanGroups).where(eq(fanGroups.creatorId, creatorId));
    return { created: false, removed: Boolean(removed), memberCount: group?.memberCount ?? 0, member: null };
  });
}
