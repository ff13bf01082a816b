import { eq } from "drizzle-orm";
import { posts } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { parseInput } from "../identity/parse-input";
import { emitEvent } from "../jobs/emit-event";
import { AppError } from "../shared/errors";
import { CONTENT_EVENTS, type PostRefPayload } from "./events";
import { linkPostProducts, requireLinkableProducts } from "../commerce/products";
import { getPost } from "./get-post";
import {
  countPublished,
  holdPost,
  matchKeyword,
  resolveCategory,
  resolveMedia,
  writeMedia,
  writeTokens,
} from "./post-writes";
import { requireOwnPost } from "./require-own-post";
import { updatePostSchema, type UpdatePostInput } from "./schemas";
import type { PostDetail } from "./views";

/**
 * Changes the author's own note (any subset of title, body, category, media). A published note
 * stays complete (category, 1–9 images or a video) and is checked against the keyword list again:
 * a match takes it out of the feeds and holds it for review. Hidden and removed notes are locked
 * until staff restore them.
 */
export async function updatePost(ctx: AppContext, user: CurrentUser, postId: string, input: UpdatePostInput): Promise<PostDetail> {
  requirePermission(user, "update:post:own", user.id);
  const data = parseInput(updatePostSchema, input);
  const now = ctx.clock.now();

  await ctx.db.transaction(async (tx) => {
    const post = await requireOwnPost(tx, user, postId);
    if (post.status === "hidden" || post.status === "removed") throw new AppError("CONFLICT", "content.post.locked");
    const complete = post.status !== "draft";

    const categoryId = data.categorySlug !== undefined ? await resolveCategory(tx, data.categorySlug) : post.categoryId;
    // The whole new set is checked, so a published note can't lose its last image.
    const media = data.mediaIds !== undefined ? await resolveMedia(tx, user.id, data.mediaIds, complete) : null;
    if (data.productIds !== undefined) await requireLinkableProducts(tx, data.productIds);

    const wasPublished = post.status === "published";
    // Counters count published notes with their topics: leave before the topics change, re-enter after.
    if (wasPublished) await countPublished(tx, post, -1);

    const next = {
      ...post,
      title: data.title ?? post.title,
      body: data.body ?? post.body,
      categoryId,
      updatedAt: now,
    };
    let written = {};
    if (media) written = await writeMedia(tx, post.id, media);
    await tx
      .update(posts)
      .set({ title: next.title, body: next.body, categoryId, updatedAt: now, ...written })
      .where(eq(posts.id, post.id));
    await writeTokens(tx, next, now);
    if (data.productIds !== undefined) await linkPostProducts(tx, post.id, data.productIds);

    if (wasPublished) {
      const keyword = await matchKeyword(tx, next);
      if (keyword) await holdPost(tx, next, keyword, now);
      else await countPublished(tx, post, 1);
    }
    const payload: PostRefPayload = { postId: post.id, authorId: post.authorId };
    await emitEvent(tx, { type: CONTENT_EVENTS.postUpdated, payload, occurredAt: now });
  });
  return getPost(ctx, postId, user);
}
