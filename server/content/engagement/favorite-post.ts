import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { setReaction } from "./reactions";

/**
 * Favourites (收藏) a published note (NOT_FOUND otherwise); the note then shows in the member's
 * private favourites tab. Idempotent like likePost. Emits `content.post.favorited` when new.
 */
export async function favoritePost(
  ctx: Pick<AppContext, "db" | "clock">,
  user: CurrentUser,
  postId: string,
): Promise<{ favorited: boolean; favoriteCount: number }> {
  const { active, count } = await setReaction(ctx, user, postId, "favorite", true);
  return { favorited: active, favoriteCount: count };
}

/** Removes a favourite; a no-op when there was none. Emits `content.post.unfavorited` when one went. */
export async function unfavoritePost(
  ctx: Pick<AppContext, "db" | "clock">,
  user: CurrentUser,
  postId: string,
): Promise<{ favorited: boolean; favoriteCount: number }> {
  const { active, count } = await setReaction(ctx, user, postId, "favorite", false);
  return { favorited: active, favoriteCount: count };
}
