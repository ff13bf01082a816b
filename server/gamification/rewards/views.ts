import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { redemptions, rewards, uploads, users, type RedemptionStatus } from "../../../db/schema";
import { balanceOf, userAccount } from "../../ledger";
import { mediaUrl } from "../../media/views";
import { currentLevelOf } from "../points";
import type { Blocker, RedemptionView, RewardKind, RewardView } from "./schemas";

export type RewardRow = typeof rewards.$inferSelect;

/** An item's image: the medium rendition when there is one. */
export const rewardImageKey = sql<string | null>`(
  select coalesce(${uploads.variants} -> 'medium' ->> 'key', ${uploads.key}) from ${uploads}
  where ${uploads.id} = ${rewards.imageUploadId} and ${uploads.status} = 'ready')`;

export interface ViewerState {
  points: number;
  level: number;
  /** Units redeemed (not cancelled) per reward id. */
  redeemed: Map<string, number>;
}

/** What the member brings to the shop: their points, level and what they already redeemed. */
export async function viewerState(db: Queryable, userId: string, rewardIds: string[]): Promise<ViewerState> {
  const [points, level, rows] = await Promise.all([
    balanceOf(db, userAccount(userId, "points")),
    currentLevelOf(db, userId),
    rewardIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ rewardId: redemptions.rewardId, units: sql<number>`sum(${redemptions.quantity})::int` })
          .from(redemptions)
          .where(and(eq(redemptions.userId, userId), inArray(redemptions.rewardId, rewardIds), ne(redemptions.status, "cancelled")))
          .groupBy(redemptions.rewardId),
  ]);
  return { points, level: level.level, redeemed: new Map(rows.map((r) => [r.rewardId, Number(r.units)])) };
}

/** The first reason a member can't redeem one unit now, in the order they would have to fix them. */
export function blockerOf(row: RewardRow, now: Date, viewer: { points: number; level: number; redeemed: number }): Blocker | null {
  if (!row.active) return "inactive";
  if (row.startsAt && now < row.startsAt) return "notStarted";
  if (row.endsAt && now >= row.endsAt) return "ended";
  if (row.stock <= 0) return "soldOut";
  if (viewer.level < row.minLevel) return "level";
  if (row.perUserLimit !== null && viewer.redeemed >= row.perUserLimit) return "limit";
  if (viewer.points < row.pointsPrice) return "points";
  return null;
}

export function rewardViewOf(row: RewardRow & { imageKey: string | null }, now: Date, viewer: ViewerState | null): RewardView {
  const redeemed = viewer?.redeemed.get(row.id) ?? 0;
  const blocker = viewer ? blockerOf(row, now, { points: viewer.points, level: viewer.level, redeemed }) : null;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    kind: row.kind as RewardKind,
    imageUrl: row.imageKey ? mediaUrl(row.imageKey) : null,
    imageUploadId: row.imageUploadId,
    pointsPrice: row.pointsPrice,
    stock: row.stock,
    redeemedCount: row.redeemedCount,
    perUserLimit: row.perUserLimit,
    minLevel: row.minLevel,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    active: row.active,
    viewer: viewer
      ? {
          points: viewer.points,
          level: viewer.level,
          redeemed,
          canRedeem: blocker === null,
          blocker,
          pointsShort: Math.max(row.pointsPrice - viewer.points, 0),
        }
      : null,
  };
}

/** Redemption rows with their item and member, as members and staff see them. */
export async function redemptionViews(db: Queryable, where: ReturnType<typeof and>, options: { limit: number; order?: "asc" | "desc" }): Promise<RedemptionView[]> {
  const rows = await db
    .select({
      id: redemptions.id,
      quantity: redemptions.quantity,
      points: redemptions.points,
      status: redemptions.status,
      shipping: redemptions.shipping,
      staffNote: redemptions.staffNote,
      refundEntryId: redemptions.refundEntryId,
      createdAt: redemptions.createdAt,
      updatedAt: redemptions.updatedAt,
      rewardId: rewards.id,
      rewardTitle: rewards.title,
      rewardKind: rewards.kind,
      imageKey: rewardImageKey,
      userId: users.id,
      handle: users.handle,
      displayName: users.displayName,
      avatarKey: users.avatarKey,
    })
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .innerJoin(users, eq(users.id, redemptions.userId))
    .where(where)
    .orderBy(options.order === "asc" ? sql`${redemptions.createdAt} asc, ${redemptions.id} asc` : sql`${redemptions.createdAt} desc, ${redemptions.id} desc`)
    .limit(options.limit);
  return rows.map((r) => ({
    id: r.id,
    reward: { id: r.rewardId, title: r.rewardTitle, kind: r.rewardKind as RewardKind, imageUrl: r.imageKey ? mediaUrl(r.imageKey) : null },
    member: { id: r.userId, handle: r.handle, displayName: r.displayName, avatarUrl: r.avatarKey ? mediaUrl(r.avatarKey) : null },
    quantity: r.quantity,
    points: r.points,
    status: r.status as RedemptionStatus,
    shipping: r.shipping,
    staffNote: r.staffNote,
    refunded: r.refundEntryId !== null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** One redemption by id (no access check: callers check ownership or staff). */
export async function redemptionById(db: Queryable, id: string): Promise<RedemptionView | null> {
  const [view] = await redemptionViews(db, and(eq(redemptions.id, id)), { limit: 1 });
  return view ?? null;
}
