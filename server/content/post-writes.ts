import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable, Transaction } from "../../db/client";
import {
  categories,
  moderationActions,
  moderationKeywords,
  postMedia,
  postMentions,
  posts,
  postTopics,
  topics,
  userStats,
  users,
  type Post,
  type Upload,
} from "../../db/schema";
import { emitEvent } from "../jobs/emit-event";
import { requireReadyUploads } from "../media";
import { AppError } from "../shared/errors";
import { CONTENT_EVENTS, type PostPublishedPayload } from "./events";
import { hotScore } from "./feeds/rules";
import { findKeyword, parseBody } from "./parse-body";
import { MAX_IMAGES } from "./schemas";

/**
 * Building blocks shared by the note use cases (create, update, publish, delete, moderate). Each
 * runs inside the caller's transaction with the post row locked, so counters move exactly once.
 */

/** A validation failure on one field, with a message key. */
export const fieldError = (field: string, message: string) =>
  new AppError("VALIDATION_FAILED", "validationFailed", { fields: { [field]: [message] } });
const invalid = fieldError;

/** The post locked for this transaction, or null. */
export async function lockPost(tx: Transaction, postId: string): Promise<Post | null> {
  const [post] = await tx.select().from(posts).where(eq(posts.id, postId)).for("update").limit(1);
  return post ?? null;
}

/** An active category by slug; unknown and retired ones are refused the same way. */
export async function resolveCategory(db: Queryable, slug: string): Promise<string> {
  const [row] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.slug, slug.toLowerCase()), eq(categories.isActive, true)))
    .limit(1);
  if (!row) throw invalid("categorySlug", "content.category.unknown");
  return row.id;
}

export interface ResolvedMedia {
  uploads: Upload[];
  mediaKind: "images" | "video";
}

/**
 * The author's own ready uploads, checked as a set: 1–9 images or exactly one video (0 only while a
 * draft). Someone else's upload, a pending one or a rejected one is refused by requireReadyUploads.
 */
export async function resolveMedia(db: Queryable, authorId: string, mediaIds: string[], requireSome: boolean): Promise<ResolvedMedia> {
  const found = await requireReadyUploads(db, authorId, mediaIds);
  const videos = found.filter((u) => u.kind === "video").length;
  if (found.length > MAX_IMAGES) throw invalid("mediaIds", "content.media.count");
  if (videos > 0 && found.length > 1) throw invalid("mediaIds", "content.media.count");
  if (requireSome && found.length === 0) throw invalid("mediaIds", "content.media.count");
  return { uploads: found, mediaKind: videos > 0 ? "video" : "images" };
}

/** Replaces the post's media with these uploads in order; the first is the card's cover. */
export async function writeMedia(tx: Transaction, postId: string, media: ResolvedMedia): Promise<{ coverUploadId: string | null; mediaKind: "images" | "video" }> {
  await tx.delete(postMedia).where(eq(postMedia.postId, postId));
  if (media.uploads.length > 0) {
    await tx.insert(postMedia).values(media.uploads.map((u, position) => ({ postId, position, uploadId: u.id })));
  }
  return { coverUploadId: media.uploads[0]?.id ?? null, mediaKind: media.mediaKind };
}

/** The post's current media, for checks when a field other than media changes. */
export async function currentMediaIds(db: Queryable, postId: string): Promise<string[]> {
  const rows = await db.select({ uploadId: postMedia.uploadId }).from(postMedia).where(eq(postMedia.postId, postId)).orderBy(postMedia.position);
  return rows.map((r) => r.uploadId);
}

export interface PostTokens {
  topicNames: string[];
  mentionedUserIds: string[];
}

/** The topics and mentions stored for a note. */
export async function readTokens(db: Queryable, postId: string): Promise<PostTokens> {
  const [topicRows, mentionRows] = await Promise.all([
    db.select({ name: topics.name }).from(postTopics).innerJoin(topics, eq(topics.id, postTopics.topicId)).where(eq(postTopics.postId, postId)),
    db.select({ userId: postMentions.userId }).from(postMentions).where(eq(postMentions.postId, postId)),
  ]);
  return { topicNames: topicRows.map((r) => r.name), mentionedUserIds: mentionRows.map((r) => r.userId) };
}

/**
 * Keeps post_topics and post_mentions equal to what the body says. Topics are created on first use;
 * mentions keep only handles of existing members other than the author.
 */
export async function writeTokens(tx: Transaction, post: Pick<Post, "id" | "authorId" | "body">, now: Date): Promise<PostTokens> {
  const parsed = parseBody(post.body);

  await tx.delete(postTopics).where(eq(postTopics.postId, post.id));
  let topicNames: string[] = [];
  if (parsed.topicNames.length > 0) {
    await tx
      .insert(topics)
      .values(parsed.topicNames.map((name) => ({ name, createdAt: now })))
      .onConflictDoNothing();
    const lowered = parsed.topicNames.map((n) => n.toLowerCase());
    const rows = await tx
      .select({ id: topics.id, name: topics.name })
      .from(topics)
      .where(inArray(sql`lower(${topics.name})`, lowered));
    await tx.insert(postTopics).values(rows.map((r) => ({ postId: post.id, topicId: r.id }))).onConflictDoNothing();
    topicNames = rows.map((r) => r.name);
  }

  await tx.delete(postMentions).where(eq(postMentions.postId, post.id));
  let mentionedUserIds: string[] = [];
  if (parsed.mentionHandles.length > 0) {
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          inArray(
            sql`lower(${users.handle})`,
            parsed.mentionHandles.map((h) => h.toLowerCase()),
          ),
          sql`${users.id} <> ${post.authorId}`,
        ),
      );
    mentionedUserIds = rows.map((r) => r.id);
    if (rows.length > 0) {
      await tx.insert(postMentions).values(rows.map((r) => ({ postId: post.id, userId: r.id }))).onConflictDoNothing();
    }
  }
  return { topicNames, mentionedUserIds };
}

/**
 * Moves the counters that count published notes — the author's user_stats.post_count and each of
 * the post's topics' post_count — by `delta` (+1 entering "published", -1 leaving it).
 */
export async function countPublished(tx: Transaction, post: Pick<Post, "id" | "authorId">, delta: 1 | -1): Promise<void> {
  if (delta === 1) {
    await tx
      .insert(userStats)
      .values({ userId: post.authorId, postCount: 1 })
      .onConflictDoUpdate({ target: userStats.userId, set: { postCount: sql`${userStats.postCount} + 1` } });
  } else {
    await tx
      .update(userStats)
      .set({ postCount: sql`greatest(${userStats.postCount} - 1, 0)` })
      .where(eq(userStats.userId, post.authorId));
  }
  await tx
    .update(topics)
    .set({ postCount: sql`greatest(${topics.postCount} + ${delta}, 0)` })
    .where(inArray(topics.id, tx.select({ id: postTopics.topicId }).from(postTopics).where(eq(postTopics.postId, post.id))));
}

/** The first staff keyword found in the title or body, or null. */
export async function matchKeyword(db: Queryable, post: Pick<Post, "title" | "body">): Promise<string | null> {
  const rows = await db.select({ keyword: moderationKeywords.keyword }).from(moderationKeywords);
  if (rows.length === 0) return null;
  return findKeyword(`${post.title}\n${post.body}`, rows.map((r) => r.keyword));
}

/** Puts a note on hold for review: the filter's decision is recorded with no actor. */
export async function holdPost(tx: Transaction, post: Post, keyword: string, now: Date): Promise<void> {
  await tx.update(posts).set({ status: "held", updatedAt: now }).where(eq(posts.id, post.id));
  await tx.insert(moderationActions).values({
    targetType: "post",
    targetId: post.id,
    action: "hold",
    reason: `keyword: ${keyword}`,
    actorId: null,
    createdAt: now,
  });
}

/**
 * Makes a locked, complete note public (or holds it when a keyword matches). Emits
 * content.post.published; `publishedAt` is kept from an earlier publish so feeds don't reorder it.
 * Returns the status the note ends in.
 */
export async function publishLocked(
  tx: Transaction,
  post: Post,
  now: Date,
  options: { skipKeywords?: boolean } = {},
): Promise<"published" | "held"> {
  const keyword = options.skipKeywords ? null : await matchKeyword(tx, post);
  if (keyword) {
    await holdPost(tx, post, keyword, now);
    return "held";
  }
  await tx
    .update(posts)
    .set({
      status: "published",
      publishedAt: post.publishedAt ?? now,
      moderationReason: null,
      updatedAt: now,
      // A first publish gets its hot score at once (age 0), so the note ranks in 热门 and 推荐 before
      // the 10-minute score job next runs; a re-publish keeps the score the job gave it.
      ...(post.publishedAt
        ? {}
        : {
            hotScore: hotScore(
              { likes: post.likeCount, favorites: post.favoriteCount, comments: post.commentCount, shares: post.shareCount },
              0,
            ),
          }),
    })
    .where(eq(posts.id, post.id));
  const tokens = await readTokens(tx, post.id);
  await countPublished(tx, post, 1);
  const payload: PostPublishedPayload = {
    postId: post.id,
    authorId: post.authorId,
    categoryId: post.categoryId,
    title: post.title,
    mentionedUserIds: tokens.mentionedUserIds,
    topicNames: tokens.topicNames,
  };
  await emitEvent(tx, { type: CONTENT_EVENTS.postPublished, payload, occurredAt: now });
  return "published";
}

/** What publishing needs besides what the schema checks: a category and 1–9 images or a video. */
export async function requirePublishable(db: Queryable, post: Post): Promise<void> {
  const fields: Record<string, string[]> = {};
  if (!post.categoryId) fields.categorySlug = ["content.category.required"];
  else {
    const [cat] = await db.select({ isActive: categories.isActive }).from(categories).where(eq(categories.id, post.categoryId));
    if (!cat?.isActive) fields.categorySlug = ["content.category.unknown"];
  }
  const media = await currentMediaIds(db, post.id);
  if (media.length === 0) fields.mediaIds = ["content.media.count"];
  if (Object.keys(fields).length > 0) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields });
}
