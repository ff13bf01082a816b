import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "../../db/client";
import { comments, moderationActions, posts, reports, type CommentStatus, type PostStatus } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { parseInput } from "../identity/parse-input";
import { emitEvent } from "../jobs/emit-event";
import { AppError } from "../shared/errors";
import { CONTENT_EVENTS, type ModerationDecidedPayload, type PostModeratedPayload } from "./events";
import { countPublished, lockPost, publishLocked } from "./post-writes";
import { moderateSchema, type ModerateAction, type ModerateInput } from "./schemas";

export interface ModerationResult {
  actionId: string;
  targetType: "post" | "comment";
  targetId: string;
  /** The target's status after the decision. */
  status: PostStatus | CommentStatus;
}

/** Which states each staff action applies to, and where it takes the target. Dismiss keeps the state. */
const POST_MOVES: Record<ModerateAction, { from: readonly PostStatus[]; to: PostStatus | null }> = {
  hide: { from: ["published", "held"], to: "hidden" },
  remove: { from: ["published", "held", "hidden"], to: "removed" },
  restore: { from: ["hidden", "removed"], to: "published" },
  approve: { from: ["held"], to: "published" },
  dismiss: { from: ["published", "held", "hidden", "removed"], to: null },
};

const COMMENT_MOVES: Record<ModerateAction, { from: readonly CommentStatus[]; to: CommentStatus | null }> = {
  hide: { from: ["visible"], to: "hidden" },
  remove: { from: ["visible", "hidden"], to: "removed" },
  restore: { from: ["hidden", "removed"], to: "visible" },
  approve: { from: [], to: null },
  dismiss: { from: ["visible", "hidden", "removed"], to: null },
};

/**
 * A staff decision on a note or comment: hide, remove, restore, approve (a held note) or dismiss the
 * reports. Records a moderation_actions row, sets the target's status and the reason its author
 * sees, resolves the open reports, and writes content.moderation.decided (plus the post's own
 * event) — all in one transaction.
 */
export async function moderate(ctx: AppContext, staff: CurrentUser, input: ModerateInput): Promise<ModerationResult> {
  requirePermission(staff, "moderate:post:any");
  const data = parseInput(moderateSchema, input);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction((tx) => applyModeration(tx, staff.id, data, now));
  ctx.logger.info({ staffId: staff.id, ...result, action: data.action }, "moderation decided");
  return result;
}

/** The decision inside the caller's transaction; appeals reuse it to overturn. */
export async function applyModeration(
  tx: Transaction,
  staffId: string,
  input: { targetType: "post" | "comment"; targetId: string; action: ModerateAction; reason: string },
  now: Date,
): Promise<ModerationResult> {
  const target = input.targetType === "post" ? await movePost(tx, input, now) : await moveComment(tx, input, now);

  const [action] = await tx
    .insert(moderationActions)
    .values({
      targetType: input.targetType,
      targetId: input.targetId,
      action: input.action,
      reason: input.reason,
      actorId: staffId,
      createdAt: now,
    })
    .returning({ id: moderationActions.id });
  const actionId = action!.id;

  // Taking something down upholds its reports; letting it stand dismisses them.
  const upheld = input.action === "hide" || input.action === "remove";
  await tx
    .update(reports)
    .set({ status: upheld ? "actioned" : "dismissed", resolvedAt: now, resolvedBy: staffId })
    .where(and(eq(reports.targetType, input.targetType), eq(reports.targetId, input.targetId), eq(reports.status, "open")));

  if (input.targetType === "post" && input.action !== "approve" && input.action !== "dismiss") {
    const type = { hide: CONTENT_EVENTS.postHidden, remove: CONTENT_EVENTS.postRemoved, restore: CONTENT_EVENTS.postRestored }[input.action];
    const payload: PostModeratedPayload = { postId: input.targetId, authorId: target.authorId, actionId, reason: input.reason };
    await emitEvent(tx, { type, payload, occurredAt: now });
  }
  // Dismissing reports changes nothing for the author, so they aren't told about it.
  if (input.action !== "dismiss") {
    const payload: ModerationDecidedPayload = {
      actionId,
      targetType: input.targetType,
      targetId: input.targetId,
      authorId: target.authorId,
      action: input.action,
      reason: input.reason,
    };
    await emitEvent(tx, { type: CONTENT_EVENTS.moderationDecided, payload, occurredAt: now });
  }
  return { actionId, targetType: input.targetType, targetId: input.targetId, status: target.status };
}

async function movePost(
  tx: Transaction,
  input: { targetId: string; action: ModerateAction; reason: string },
  now: Date,
): Promise<{ authorId: string; status: PostStatus }> {
  const post = await lockPost(tx, input.targetId);
  if (!post || post.status === "deleted") throw new AppError("NOT_FOUND", "notFound");
  const move = POST_MOVES[input.action];
  if (!move.from.includes(post.status)) throw new AppError("CONFLICT", "content.moderation.notApplicable");
  if (move.to === null) return { authorId: post.authorId, status: post.status };

  if (input.action === "approve") {
    // Staff have read it: the keyword filter doesn't get a second say.
    await publishLocked(tx, post, now, { skipKeywords: true });
    return { authorId: post.authorId, status: "published" };
  }
  if (post.status === "published") await countPublished(tx, post, -1);
  const restoring = move.to === "published";
  await tx
    .update(posts)
    .set({
      status: move.to,
      moderationReason: restoring ? null : input.reason,
      ...(restoring ? { publishedAt: post.publishedAt ?? now } : {}),
      updatedAt: now,
    })
    .where(eq(posts.id, post.id));
  if (restoring) await countPublished(tx, post, 1);
  return { authorId: post.authorId, status: move.to };
}

async function moveComment(
  tx: Transaction,
  input: { targetId: string; action: ModerateAction; reason: string },
  now: Date,
): Promise<{ authorId: string; status: CommentStatus }> {
  const [comment] = await tx.select().from(comments).where(eq(comments.id, input.targetId)).for("update").limit(1);
  if (!comment || comment.status === "deleted") throw new AppError("NOT_FOUND", "notFound");
  const move = COMMENT_MOVES[input.action];
  if (!move.from.includes(comment.status)) throw new AppError("CONFLICT", "content.moderation.notApplicable");
  if (move.to === null) return { authorId: comment.authorId, status: comment.status };
  await tx
    .update(comments)
    .set({ status: move.to, moderationReason: move.to === "visible" ? null : input.reason, updatedAt: now })
    .where(eq(comments.id, comment.id));
  // The note's comment count and a thread's reply count count visible comments only, as deleting does.
  const delta = (move.to === "visible" ? 1 : 0) - (comment.status === "visible" ? 1 : 0);
  if (delta !== 0) {
    await tx
      .update(posts)
      .set({ commentCount: sql`greatest(${posts.commentCount} + ${delta}, 0)` })
      .where(eq(posts.id, comment.postId));
    if (comment.parentId) {
      await tx
        .update(comments)
        .set({ replyCount: sql`greatest(${comments.replyCount} + ${delta}, 0)` })
        .where(eq(comments.id, comment.parentId));
    }
  }
  return { authorId: comment.authorId, status: move.to };
}
