import { and, eq } from "drizzle-orm";
import { fanOnlyPosts, posts } from "../../../db/schema";
import type { AppContext } from "../../context";
import { can, requirePermission, type CurrentUser, type PermissionSubject } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { CONTENT_EVENTS, type PostRefPayload } from "../../content/events";
import { emitEvent } from "../../jobs/emit-event";
import { AppError } from "../../shared/errors";
import { ensureFanGroup } from "./ensure-fan-group";
import { isUuid, markFanOnlySchema, type MarkFanOnlyInput } from "./schemas";

/**
 * A creator keeps one of their own notes for the fan group (or opens it again). Only the author may, and
 * only a creator (someone with a fan group): others get 403, an unknown note 404. Repeats change nothing.
 */
export async function markPostFanOnly(ctx: AppContext, user: CurrentUser | null, postId: string, input: MarkFanOnlyInput): Promise<{ fanOnly: boolean }> {
  requirePermission(user, "manage:fanGroup:own");
  const data = parseInput(markFanOnlySchema, input);
  if (!isUuid(postId)) throw new AppError("NOT_FOUND", "fanGroups.post.notFound");
  const [post] = await ctx.db.select({ authorId: posts.authorId, status: posts.status }).from(posts).where(eq(posts.id, postId));
  if (!post || post.status === "deleted") throw new AppError("NOT_FOUND", "fanGroups.post.notFound");
  if (post.authorId !== user.id) throw new AppError("FORBIDDEN", "forbidden");
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await ensureFanGroup(tx, user.id, now);
    if (data.fanOnly) await tx.insert(fanOnlyPosts).values({ postId, creatorId: user.id, markedAt: now }).onConflictDoNothing();
    else await tx.delete(fanOnlyPosts).where(and(eq(fanOnlyPosts.postId, postId), eq(fanOnlyPosts.creatorId, user.id)));
    // The note changed for readers: search re-reads it (a fan-only note's body is kept out of the index).
    const payload: PostRefPayload = { postId, authorId: user.id };
    await emitEvent(tx, { type: CONTENT_EVENTS.postUpdated, payload, occurredAt: now });
  });
  return { fanOnly: data.fanOnly };
}

/** Whether `user` may keep notes for a fan group: creators (each has one, made on first need) and admins. */
export function canMarkFanOnly(user: PermissionSubject | null | undefined): boolean {
  return can(user, "manage:fanGroup:own");
}
