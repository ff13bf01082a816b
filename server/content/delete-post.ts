import { eq } from "drizzle-orm";
import { posts } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { emitEvent } from "../jobs/emit-event";
import { CONTENT_EVENTS, type PostRefPayload } from "./events";
import { countPublished } from "./post-writes";
import { requireOwnPost } from "./require-own-post";

/**
 * Soft-deletes the author's own note: it disappears for everyone (staff keep it for the record) and
 * stops counting on the profile and its topics. Deleting it again is NOT_FOUND.
 */
export async function deletePost(ctx: AppContext, user: CurrentUser, postId: string): Promise<void> {
  requirePermission(user, "delete:post:own", user.id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const post = await requireOwnPost(tx, user, postId);
    if (post.status === "published") await countPublished(tx, post, -1);
    await tx.update(posts).set({ status: "deleted", deletedAt: now, updatedAt: now }).where(eq(posts.id, post.id));
    const payload: PostRefPayload = { postId: post.id, authorId: post.authorId };
    await emitEvent(tx, { type: CONTENT_EVENTS.postDeleted, payload, occurredAt: now });
  });
}
