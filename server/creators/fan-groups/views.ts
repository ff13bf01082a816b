import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { fanGroupMembers, fanGroups, fanOnlyPosts, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import { can, type CurrentUser, type PermissionSubject } from "../../identity";
import { parseRoles, rolesOf } from "../../identity/current-user";
import { mediaUrl } from "../../media/views";
import { ensureFanGroup } from "./ensure-fan-group";
import { requireCreator } from "./join-fan-group";
import { FAN_LEVEL_THRESHOLDS } from "./levels";
import type { FanGroupView } from "./schemas";

/** How many fans a creator has: the creator tiers read it as one of their measures. */
export async function fanGroupSize(db: Queryable, creatorId: string): Promise<number> {
  const [row] = await db.select({ n: fanGroups.memberCount }).from(fanGroups).where(eq(fanGroups.creatorId, creatorId));
  return row?.n ?? 0;
}

/** Whether `userId` is in `creatorId`'s fan group (the creator counts as in their own). */
export async function isFan(db: Queryable, creatorId: string, userId: string | null | undefined): Promise<boolean> {
  if (!userId) return false;
  if (userId === creatorId) return true;
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(fanGroupMembers)
    .where(and(eq(fanGroupMembers.creatorId, creatorId), eq(fanGroupMembers.userId, userId)));
  return Boolean(row);
}

/** The creators whose fan groups `userId` is in. */
export async function fanGroupsOf(db: Queryable, userId: string | null | undefined): Promise<Set<string>> {
  if (!userId) return new Set();
  const rows = await db.select({ c: fanGroupMembers.creatorId }).from(fanGroupMembers).where(eq(fanGroupMembers.userId, userId));
  return new Set(rows.map((r) => r.c));
}

/**
 * Of `postIds`, the fan-only ones `viewer` may not read (they are neither the author, nor a fan, nor
 * staff): content views show those as locked cards, and the note page and the comment listings keep
 * their text, pictures and comments back. `viewer` is an id or, when the caller has them, the user with
 * roles; staff are exempt because they moderate fan-only notes like any other, so the viewer's roles are
 * looked up only when something would otherwise be locked.
 */
export async function lockedPostIds(db: Queryable, postIds: readonly string[], viewer: string | PermissionSubject | null | undefined): Promise<Set<string>> {
  if (postIds.length === 0) return new Set();
  const rows = await db
    .select({ postId: fanOnlyPosts.postId, creatorId: fanOnlyPosts.creatorId })
    .from(fanOnlyPosts)
    .where(inArray(fanOnlyPosts.postId, [...postIds]));
  if (rows.length === 0) return new Set();
  const viewerId = typeof viewer === "string" ? viewer : viewer?.id;
  const fanOf = await fanGroupsOf(db, viewerId);
  const locked = rows.filter((r) => r.creatorId !== viewerId && !fanOf.has(r.creatorId)).map((r) => r.postId);
  if (locked.length === 0 || !viewerId) return new Set(locked);
  const subject = typeof viewer === "string" || !viewer ? await subjectOf(db, viewerId) : viewer;
  return can(subject, "moderate:post:any") ? new Set() : new Set(locked);
}

/** Whether `viewer` may not read this fan-only note (see lockedPostIds). */
export async function isPostLocked(db: Queryable, postId: string, viewer: string | PermissionSubject | null | undefined): Promise<boolean> {
  return (await lockedPostIds(db, [postId], viewer)).has(postId);
}

async function subjectOf(db: Queryable, userId: string): Promise<PermissionSubject> {
  const [row] = await db.select({ roles: rolesOf(users.id) }).from(users).where(eq(users.id, userId));
  return { id: userId, roles: parseRoles(row?.roles) as PermissionSubject["roles"] };
}

/** Which of `postIds` are fan-only (for the author's own label). */
export async function fanOnlyPostIds(db: Queryable, postIds: readonly string[]): Promise<Set<string>> {
  if (postIds.length === 0) return new Set();
  const rows = await db.select({ postId: fanOnlyPosts.postId }).from(fanOnlyPosts).where(inArray(fanOnlyPosts.postId, [...postIds]));
  return new Set(rows.map((r) => r.postId));
}

/** A creator's fan page: the group (made on first visit), its members by level and the viewer's own standing. */
export async function getFanGroup(ctx: Pick<AppContext, "db" | "clock">, viewer: CurrentUser | null, creatorId: string, limit = 100): Promise<FanGroupView> {
  const creator = await requireCreator(ctx, creatorId);
  const group = await ensureFanGroup(ctx.db, creatorId, ctx.clock.now());
  const [rows, levelRows, avatar] = await Promise.all([
    ctx.db
      .select({ m: fanGroupMembers, handle: users.handle, displayName: users.displayName, avatarKey: users.avatarKey })
      .from(fanGroupMembers)
      .innerJoin(users, eq(users.id, fanGroupMembers.userId))
      .where(eq(fanGroupMembers.creatorId, creatorId))
      .orderBy(desc(fanGroupMembers.level), desc(fanGroupMembers.interactionPoints), fanGroupMembers.joinedAt)
      .limit(limit),
    ctx.db
      .select({ level: fanGroupMembers.level, n: sql<number>`count(*)::int` })
      .from(fanGroupMembers)
      .where(eq(fanGroupMembers.creatorId, creatorId))
      .groupBy(fanGroupMembers.level),
    ctx.db.select({ k: users.avatarKey }).from(users).where(eq(users.id, creatorId)),
  ]);
  const counts = new Map(levelRows.map((r) => [r.level, Number(r.n)]));
  let me: FanGroupView["me"] = null;
  if (viewer) {
    const [mine] = await ctx.db
      .select()
      .from(fanGroupMembers)
      .where(and(eq(fanGroupMembers.creatorId, creatorId), eq(fanGroupMembers.userId, viewer.id)));
    if (mine) me = { level: mine.level, interactionPoints: mine.interactionPoints, joinedAt: mine.joinedAt.toISOString() };
  }
  return {
    creator: { id: creator.id, handle: creator.handle, displayName: creator.displayName, avatarUrl: avatar[0]?.k ? mediaUrl(avatar[0].k) : null },
    name: group.name,
    memberCount: group.memberCount,
    members: rows.map(({ m, ...u }) => ({
      id: m.userId,
      handle: u.handle,
      displayName: u.displayName,
      avatarUrl: u.avatarKey ? mediaUrl(u.avatarKey) : null,
      level: m.level,
      interactionPoints: m.interactionPoints,
      joinedAt: m.joinedAt.toISOString(),
    })),
    levels: FAN_LEVEL_THRESHOLDS.map((_, i) => ({ level: i + 1, count: counts.get(i + 1) ?? 0 })),
    me,
    isOwner: viewer?.id === creatorId,
  };
}
