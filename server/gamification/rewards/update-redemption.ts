import { and, eq, sql } from "drizzle-orm";
import { redemptions, rewards, type RedemptionStatus } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { ensureAccount, lockBalance, openPointLot, platformAccount, postEntry, userAccount } from "../../ledger";
import { recordAudit } from "../../ops";
import { AppError } from "../../shared/errors";
import { expiresAtFor, readPointsPolicy } from "../points";
import { isUuid, updateRedemptionSchema, type RedemptionView, type UpdateRedemptionInput } from "./schemas";
import { redemptionById } from "./views";

export const REDEMPTION_UPDATED = "gamification.redemption.updated";

const TARGET: Record<"ship" | "fulfil" | "cancel", RedemptionStatus> = { ship: "shipped", fulfil: "fulfilled", cancel: "cancelled" };

/**
 * Staff move a pending redemption on: shipped (physical, with a tracking note), fulfilled (virtual:
 * the code was handed over) or cancelled (with a reason). Each transition happens exactly once,
 * however many staff click at the same moment: the status changes in one conditional UPDATE
 * (`status = 'pending'` in its WHERE) and only the caller whose UPDATE matched goes on.
 *
 * Cancelling gives everything back in the same transaction: the points by an entry that reverses the
 * redemption's (key `redemption:refund:<id>`), opened again as a new lot (the consumed lots are not
 * patched: a lot's history stays as it happened), and the stock. The member hears of every
 * transition through `gamification.redemption.updated` (see consumers.ts).
 */
export async function updateRedemption(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  staff: CurrentUser,
  redemptionId: string,
  input: UpdateRedemptionInput,
): Promise<RedemptionView> {
  requirePermission(staff, "manage:rewards:any");
  const data = parseInput(updateRedemptionSchema, input);
  if (!isUuid(redemptionId)) throw new AppError("NOT_FOUND", "rewards.redemption.notFound");
  const target = TARGET[data.action];
  const note = data.note ?? null;
  const now = ctx.clock.now();

  await ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: redemptions.status, kind: rewards.kind })
      .from(redemptions)
      .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
      .where(eq(redemptions.id, redemptionId));
    if (!current) throw new AppError("NOT_FOUND", "rewards.redemption.notFound");
    if (data.action === "ship" && current.kind !== "physical") throw new AppError("CONFLICT", "rewards.fulfil.shipVirtual");

    const [row] = await tx
      .update(redemptions)
      .set({ status: target, staffNote: note, updatedAt: now })
      .where(and(eq(redemptions.id, redemptionId), eq(redemptions.status, "pending")))
      .returning();
    if (!row) throw new AppError("CONFLICT", "rewards.fulfil.notPending");

    let refundEntryId: string | null = null;
    if (target === "cancelled") {
      // The member's wallet before the item's row: the order redeemReward takes them in.
      await lockBalance(tx, await ensureAccount(tx, userAccount(row.userId, "points"), now));
      await tx
        .update(rewards)
        .set({ stock: sql`${rewards.stock} + ${row.quantity}`, redeemedCount: sql`greatest(${rewards.redeemedCount} - ${row.quantity}, 0)`, updatedAt: now })
        .where(eq(rewards.id, row.rewardId));
      const refund = await postEntry(tx, {
        idempotencyKey: `redemption:refund:${row.id}`,
        reason: "redemption.refund",
        userId: row.userId,
        reversesEntryId: row.entryId,
        occurredAt: now,
        now,
        memo: { rewardId: row.rewardId, redemptionId: row.id, reason: note },
        postings: [
          { account: platformAccount("points", "expense"), amount: -row.points },
          { account: userAccount(row.userId, "points"), amount: row.points },
        ],
      });
      refundEntryId = refund.entryId;
      if (refund.created) {
        const policy = await readPointsPolicy(tx);
        await openPointLot(tx, {
          userId: row.userId,
          entryId: refund.entryId,
          amount: row.points,
          earnedAt: now,
          expiresAt: expiresAtFor(now, policy.expiry, ctx.config.platformTimeZone),
        });
      }
      await tx.update(redemptions).set({ refundEntryId }).where(eq(redemptions.id, row.id));
    }

    await recordAudit(tx, {
      actorId: staff.id,
      action: `gamification.redemption.${target}`,
      subjectType: "redemption",
      subjectId: row.id,
      before: { status: "pending" },
      after: { status: target, note, refundEntryId },
      at: now,
    });
    await emitEvent(tx, {
      type: REDEMPTION_UPDATED,
      payload: { redemptionId: row.id, rewardId: row.rewardId, userId: row.userId, status: target, note, points: row.points, refunded: refundEntryId !== null },
      occurredAt: now,
    });
  });
  return (await redemptionById(ctx.db, redemptionId))!;
}
