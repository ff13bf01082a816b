import { and, eq } from "drizzle-orm";
import { posts } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { emitEvent } from "../jobs/emit-event";
import { AppError } from "../shared/errors";
import { CONTENT_EVENTS, type PostFeaturedPayload } from "./events";
import { isUuid } from "./schemas";

/**
 * Staff pick a published note for the 精选 feed. Featuring it again keeps the first pick's time and
 * writes no second event, so points for being featured are granted once.
 */
export async function featurePost(ctx: AppContext, staff: CurrentUser, postId: string): Promise<{ postId: string; featuredAt: string }> {
  requirePermission(staff, "feature:post:any");
  if (!isUuid(postId)) throw new AppError("NOT_FOUND", "notFound");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [post] = await tx.select().from(posts).where(eq(posts.id, postId)).for("update").limit(1);
    if (!post || post.status !== "published") throw new AppError("NOT_FOUND", "notFound");
    if (post.featuredAt) return { postId, featuredAt: post.featuredAt.toISOString() };
    await tx.update(posts).set({ featuredAt: now, featuredBy: staff.id }).where(eq(posts.id, postId));
    const payload: PostFeaturedPayload = { postId, authorId: post.authorId, staffId: staff.id };
    await emitEvent(tx, { type: CONTENT_EVENTS.postFeatured, payload, occurredAt: now });
    return { postId, featuredAt: now.toISOString() };
  });
}

/** Takes a note off the 精选 feed. Idempotent. */
export async function unfeaturePost(ctx: AppContext, staff: CurrentUser, postId: string): Promise<void> {
  requirePermission(staff, "feature:post:any");
  if (!isUuid(postId)) throw new AppError("NOT_FOUND", "notFound");
  const [post] = await ctx.db.select({ id: posts.id }).from(posts).where(eq(posts.id, postId));
  if (!post) throw new AppError("NOT_FOUND", "notFound");
  await ctx.db.update(posts).set({ featuredAt: null, featuredBy: null }).where(and(eq(posts.id, postId)));
}
