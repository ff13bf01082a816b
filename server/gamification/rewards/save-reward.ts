import { eq, getTableColumns, sql } from "drizzle-orm";
import { rewards } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { requireReadyUploads } from "../../media";
import { recordAudit } from "../../ops";
import { AppError } from "../../shared/errors";
import { createRewardSchema, isUuid, updateRewardSchema, type CreateRewardInput, type RewardView, type UpdateRewardInput } from "./schemas";
import { rewardImageKey, rewardViewOf, type RewardRow } from "./views";

const dateOrNull = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/** What the audit log keeps of an item: everything staff can change. */
function audited(row: RewardRow) {
  return {
    title: row.title,
    description: row.description,
    imageUploadId: row.imageUploadId,
    kind: row.kind,
    pointsPrice: row.pointsPrice,
    stock: row.stock,
    perUserLimit: row.perUserLimit,
    minLevel: row.minLevel,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    active: row.active,
  };
}

async function checkImage(ctx: Pick<AppContext, "db">, staff: CurrentUser, imageUploadId: string | null | undefined) {
  if (!imageUploadId) return;
  try {
    await requireReadyUploads(ctx.db, staff.id, [imageUploadId], { kinds: ["image"] });
  } catch (e) {
    throw new AppError("VALIDATION_FAILED", "rewards.item.image", { fields: { imageUploadId: ["rewards.item.image"] }, cause: e });
  }
}

async function viewOf(ctx: Pick<AppContext, "db" | "clock">, id: string): Promise<RewardView> {
  const [row] = await ctx.db.select({ ...getTableColumns(rewards), imageKey: rewardImageKey }).from(rewards).where(eq(rewards.id, id));
  return rewardViewOf(row!, ctx.clock.now(), null);
}

/** Staff put a new item in the shop; the audit log records it whole. */
export async function createReward(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser, input: CreateRewardInput): Promise<RewardView> {
  requirePermission(staff, "manage:rewards:any");
  const data = parseInput(createRewardSchema, input);
  await checkImage(ctx, staff, data.imageUploadId);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(rewards)
      .values({
        title: data.title,
        description: data.description,
        imageUploadId: data.imageUploadId ?? null,
        kind: data.kind,
        pointsPrice: data.pointsPrice,
        stock: data.stock,
        perUserLimit: data.perUserLimit ?? null,
        minLevel: data.minLevel,
        startsAt: dateOrNull(data.startsAt),
        endsAt: dateOrNull(data.endsAt),
        active: data.active,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, { actorId: staff.id, action: "gamification.reward.created", subjectType: "reward", subjectId: row!.id, before: null, after: audited(row!), at: now });
    return row!.id;
  });
  return viewOf(ctx, id);
}

/**
 * Staff change an item. The row is locked for the change so the audit's before/after is exact, and
 * stock moves by a delta in the same UPDATE (`stock + delta`, refused below zero by the table's
 * CHECK), so a restock never overwrites a redemption that committed a moment earlier.
 */
export async function updateReward(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser, rewardId: string, input: UpdateRewardInput): Promise<RewardView> {
  requirePermission(staff, "manage:rewards:any");
  const data = parseInput(updateRewardSchema, input);
  if (!isUuid(rewardId)) throw new AppError("NOT_FOUND", "rewards.notFound");
  await checkImage(ctx, staff, data.imageUploadId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(rewards).where(eq(rewards.id, rewardId)).for("update");
    if (!before) throw new AppError("NOT_FOUND", "rewards.notFound");
    const startsAt = data.startsAt === undefined ? before.startsAt : dateOrNull(data.startsAt);
    const endsAt = data.endsAt === undefined ? before.endsAt : dateOrNull(data.endsAt);
    if (startsAt && endsAt && endsAt <= startsAt) throw new AppError("VALIDATION_FAILED", "rewards.item.window", { fields: { endsAt: ["rewards.item.window"] } });
    const delta = data.stockDelta ?? 0;
    if (before.stock + delta < 0) {
      throw new AppError("VALIDATION_FAILED", "rewards.item.stockBelowZero", { fields: { stockDelta: ["rewards.item.stockBelowZero"] } });
    }
    const [after] = await tx
      .update(rewards)
      .set({
        ...(data.title !== undefined ? { title: data.title } : {}),
        ...(data.description !== undefined ? { description: data.description } : {}),
        ...(data.imageUploadId !== undefined ? { imageUploadId: data.imageUploadId } : {}),
        ...(data.kind !== undefined ? { kind: data.kind } : {}),
        ...(data.pointsPrice !== undefined ? { pointsPrice: data.pointsPrice } : {}),
        ...(data.perUserLimit !== undefined ? { perUserLimit: data.perUserLimit } : {}),
        ...(data.minLevel !== undefined ? { minLevel: data.minLevel } : {}),
        ...(data.startsAt !== undefined ? { startsAt } : {}),
        ...(data.endsAt !== undefined ? { endsAt } : {}),
        ...(data.active !== undefined ? { active: data.active } : {}),
        ...(delta !== 0 ? { stock: sql`${rewards.stock} + ${delta}` } : {}),
        updatedAt: now,
      })
      .where(eq(rewards.id, rewardId))
      .returning();
    await recordAudit(tx, {
      actorId: staff.id,
      action: delta !== 0 ? "gamification.reward.stockChanged" : "gamification.reward.updated",
      subjectType: "reward",
      subjectId: rewardId,
      before: audited(before),
      after: { ...audited(after!), ...(delta !== 0 ? { stockDelta: delta } : {}) },
      at: now,
    });
  });
  return viewOf(ctx, rewardId);
}
