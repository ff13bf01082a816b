import { eq } from "drizzle-orm";
import { appeals, comments, moderationActions, posts } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { parseInput } from "../identity/parse-input";
import { emitEvent } from "../jobs/emit-event";
import { AppError } from "../shared/errors";
import { CONTENT_EVENTS, type ModerationDecidedPayload } from "./events";
import { applyModeration } from "./moderate";
import { decideAppealSchema, type DecideAppealInput } from "./schemas";

const DEFAULT_REASON = { uphold: "申诉未通过：原处理维持不变", overturn: "申诉通过：内容已恢复" } as const;

/**
 * Staff decide an open appeal. Overturning restores the note or comment (a "restore" decision with
 * its own events); upholding leaves it as it is and tells the author. Deciding twice is CONFLICT.
 */
export async function decideAppeal(
  ctx: AppContext,
  staff: CurrentUser,
  input: DecideAppealInput,
): Promise<{ id: string; status: "upheld" | "overturned" }> {
  requirePermission(staff, "moderate:post:any");
  const data = parseInput(decideAppealSchema, input);
  const now = ctx.clock.now();
  const reason = data.reason || DEFAULT_REASON[data.outcome];
  const status = data.outcome === "overturn" ? "overturned" : "upheld";

  await ctx.db.transaction(async (tx) => {
    const [appeal] = await tx.select().from(appeals).where(eq(appeals.id, data.appealId)).for("update").limit(1);
    if (!appeal) throw new AppError("NOT_FOUND", "notFound");
    if (appeal.status !== "open") throw new AppError("CONFLICT", "content.appeal.decided");
    const [action] = await tx.select().from(moderationActions).where(eq(moderationActions.id, appeal.actionId));
    if (!action) throw new AppError("NOT_FOUND", "notFound");

    await tx.update(appeals).set({ status, decidedBy: staff.id, decidedAt: now }).where(eq(appeals.id, appeal.id));

    const current = await targetStatus(tx, action.targetType, action.targetId);
    const stillDown = current === "hidden" || current === "removed";
    if (data.outcome === "overturn" && stillDown) {
      await applyModeration(tx, staff.id, { targetType: action.targetType, targetId: action.targetId, action: "restore", reason }, now);
      return;
    }
    // Upheld (or already restored by other means): the author still hears the outcome.
    const payload: ModerationDecidedPayload = {
      actionId: action.id,
      targetType: action.targetType,
      targetId: action.targetId,
      authorId: appeal.authorId,
      action: data.outcome === "overturn" ? "restore" : "uphold",
      reason,
    };
    await emitEvent(tx, { type: CONTENT_EVENTS.moderationDecided, payload, occurredAt: now });
  });
  ctx.logger.info({ staffId: staff.id, appealId: data.appealId, status }, "appeal decided");
  return { id: data.appealId, status };
}

async function targetStatus(tx: Parameters<typeof applyModeration>[0], type: "post" | "comment", id: string): Promise<string | null> {
  const [row] =
    type === "post"
      ? await tx.select({ status: posts.status }).from(posts).where(eq(posts.id, id))
      : await tx.select({ status: comments.status }).from(comments).where(eq(comments.id, id));
  return row?.status ?? null;
}
