import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { setReaction } from "./reactions";

/**
 * Likes a published note (NOT_FOUND otherwise). Idempotent: liking twice, or fifty times at once,
 * leaves one like. Emits `content.post.liked` only when the like is new.
 */
export async function likePost(
  ctx: Pick<AppContext, "db" | "clock">,
  user: CurrentUser,
  postId: string,
): Promise<{ liked: boolean; likeCount: number }> {
  const { active, count } = await setReaction(ctx, user, postId, "like", true);
  return { liked: active, likeCount: count };
}

/** Takes a like back; a no-op (with the current count) when there was none. Emits `content.post.unliked`. */
export async function unlikePost(
  ctx: Pick<AppContext, "db" | "clock">,
  user: CurrentUser,
  postId: string,
): Promise<{ liked: boolean; likeCount: number }> {
  const { active, count } = await setReaction(ctx, user, postId, "like", false);
  return { liked: active, likeCount: count };
}
