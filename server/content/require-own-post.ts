import type { Transaction } from "../../db/client";
import type { Post } from "../../db/schema";
import type { CurrentUser } from "../identity";
import { AppError } from "../shared/errors";
import { lockPost } from "./post-writes";
import { isUuid } from "./schemas";
import { isVisibleTo } from "./views";

/**
 * The caller's own note, locked for this transaction. Someone else's note they can't see is
 * NOT_FOUND (its existence doesn't leak); one they can see (published, or any note for staff) is
 * FORBIDDEN: only authors change notes — staff act through moderation.
 */
export async function requireOwnPost(tx: Transaction, user: CurrentUser, postId: string): Promise<Post> {
  if (!isUuid(postId)) throw new AppError("NOT_FOUND", "notFound");
  const post = await lockPost(tx, postId);
  if (!post || post.status === "deleted" || !isVisibleTo(post, user)) throw new AppError("NOT_FOUND", "notFound");
  if (post.authorId !== user.id) throw new AppError("FORBIDDEN", "forbidden");
  return post;
}
