import { and, eq, isNull } from "drizzle-orm";
import { postCurations, posts } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { AppError } from "../../shared/errors";
import { curationViews } from "./curate-post";
import type { PostCurationState } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where one note stands with staff: picked for 精选 or not, and its live pin, boost or bury with the
 * factor in force now (after decay), so the note page's 运营 panel shows what a change would replace.
 */
export async function getPostCuration(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null, postId: string): Promise<PostCurationState> {
  requirePermission(staff, "feature:post:any");
  if (!UUID.test(postId)) throw new AppError("NOT_FOUND", "notFound");
  const [post] = await ctx.db.select({ featuredAt: posts.featuredAt }).from(posts).where(eq(posts.id, postId));
  if (!post) throw new AppError("NOT_FOUND", "notFound");
  const [live] = await curationViews(ctx, and(eq(postCurations.postId, postId), isNull(postCurations.endedAt)), 1);
  return { postId, featuredAt: post.featuredAt?.toISOString() ?? null, curation: live ?? null };
}
