import { eq } from "drizzle-orm";
import { posts } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { parseInput } from "../identity/parse-input";
import { linkPostProducts, requireLinkableProducts } from "../commerce/products";
import { getPost } from "./get-post";
import { fieldError, publishLocked, resolveCategory, resolveMedia, writeMedia, writeTokens } from "./post-writes";
import { isNewAccount, POSTS_PER_HOUR, POSTS_PER_HOUR_NEW_ACCOUNT } from "./rate-limits";
import { createPostSchema, type CreatePostInput } from "./schemas";
import type { PostDetail } from "./views";

/**
 * Creates a note as a draft or publishes it at once. Publishing needs a category and 1–9 images or
 * one video; a note whose title or body contains a staff keyword is held for review instead (its
 * author sees "审核中"). Limited to 10 notes an hour, 3 for accounts under a day old.
 */
export async function createPost(ctx: AppContext, user: CurrentUser, input: CreatePostInput): Promise<PostDetail> {
  requirePermission(user, "create:post:own", user.id);
  const data = parseInput(createPostSchema, input);
  const now = ctx.clock.now();

  // Checks that read before any write, so bad input is refused without spending the allowance.
  const categoryId = data.categorySlug ? await resolveCategory(ctx.db, data.categorySlug) : null;
  const media = await resolveMedia(ctx.db, user.id, data.mediaIds, data.publish);
  if (data.publish && !categoryId) throw fieldError("categorySlug", "content.category.required");
  if (data.productIds) await requireLinkableProducts(ctx.db, data.productIds);

  const newAccount = isNewAccount(user.createdAt, now);
  await ctx.rateLimits.consume(newAccount ? POSTS_PER_HOUR_NEW_ACCOUNT : POSTS_PER_HOUR, user.id);

  const postId = await ctx.db.transaction(async (tx) => {
    const [post] = await tx
      .insert(posts)
      .values({
        authorId: user.id,
        status: "draft",
        title: data.title,
        body: data.body,
        categoryId,
        mediaKind: media.mediaKind,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const written = await writeMedia(tx, post!.id, media);
    await tx.update(posts).set(written).where(eq(posts.id, post!.id));
    await writeTokens(tx, post!, now);
    if (data.productIds) await linkPostProducts(tx, post!.id, data.productIds);
    if (data.publish) await publishLocked(tx, { ...post!, ...written }, now);
    return post!.id;
  });
  return getPost(ctx, postId, user);
}
