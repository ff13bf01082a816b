import { eq } from "drizzle-orm";
import { posts } from "../../db/schema";
import { isPostLocked } from "../creators/fan-groups/views";
import type { AppContext } from "../context";
import { AppError } from "../shared/errors";
import { isUuid } from "./schemas";
import { isVisibleTo, loadPostDetail, type PostDetail, type Viewer } from "./views";

/**
 * One note as `viewer` may see it. NOT_FOUND for a note that doesn't exist and equally for one the
 * viewer may not see (a draft, a held, hidden or removed note of someone else), so its existence
 * doesn't leak. A fan-only note of a fan group the viewer is not in comes back locked: title, author and
 * counts, without its text, pictures or cover (`fanOnlyLocked`), the same for the web page and the API.
 */
export async function getPost(ctx: Pick<AppContext, "db">, postId: string, viewer: Viewer): Promise<PostDetail> {
  if (!isUuid(postId)) throw new AppError("NOT_FOUND", "notFound");
  const [post] = await ctx.db.select().from(posts).where(eq(posts.id, postId)).limit(1);
  if (!post || !isVisibleTo(post, viewer)) throw new AppError("NOT_FOUND", "notFound");
  const [detail, locked] = await Promise.all([loadPostDetail(ctx, post, viewer), isPostLocked(ctx.db, post.id, viewer)]);
  return locked ? { ...detail, body: "", bodyTokens: [], media: [], cover: null, fanOnlyLocked: true } : detail;
}
