import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { getPost } from "./get-post";
import { publishLocked, requirePublishable } from "./post-writes";
import { requireOwnPost } from "./require-own-post";
import type { PostDetail } from "./views";

/**
 * Publishes the author's draft (held instead when a keyword matches). Publishing a note that is
 * already published or held changes nothing; hidden and removed notes wait for staff.
 */
export async function publishPost(ctx: AppContext, user: CurrentUser, postId: string): Promise<PostDetail> {
  requirePermission(user, "update:post:own", user.id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const post = await requireOwnPost(tx, user, postId);
    if (post.status !== "draft") return;
    await requirePublishable(tx, post);
    await publishLocked(tx, post, now);
  });
  return getPost(ctx, postId, user);
}
