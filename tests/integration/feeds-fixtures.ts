import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { categories, posts, type PostStatus } from "../../db/schema";

/**
 * Notes straight in the database for engagement and feed tests: the feeds only read posts rows, so
 * these tests don't depend on uploads or the note editor.
 */
export async function createNote(
  db: Queryable,
  authorId: string,
  options: {
    status?: PostStatus;
    publishedAt?: Date | null;
    categoryId?: string | null;
    title?: string;
    body?: string;
    featuredAt?: Date | null;
    likeCount?: number;
    hotScore?: number;
    createdAt?: Date;
  } = {},
) {
  const status = options.status ?? "published";
  const createdAt = options.createdAt ?? options.publishedAt ?? new Date("2026-11-20T00:00:00Z");
  const publishedAt = options.publishedAt !== undefined ? options.publishedAt : status === "draft" ? null : createdAt;
  const [post] = await db
    .insert(posts)
    .values({
      authorId,
      status,
      title: options.title ?? `笔记 ${crypto.randomBytes(3).toString("hex")}`,
      body: options.body ?? "今天试了一款新面霜，质地很轻薄。",
      categoryId: options.categoryId ?? null,
      publishedAt,
      featuredAt: options.featuredAt ?? null,
      likeCount: options.likeCount ?? 0,
      hotScore: options.hotScore ?? 0,
      createdAt,
      updatedAt: createdAt,
      deletedAt: status === "deleted" ? createdAt : null,
    })
    .returning();
  return post!;
}

/** A category with this slug (created once per database). */
export async function ensureCategory(db: Queryable, slug: string, nameZh = slug): Promise<string> {
  await db
    .insert(categories)
    .values({ slug, nameZh, nameEn: slug, createdAt: new Date("2026-01-01T00:00:00Z") })
    .onConflictDoNothing();
  const [row] = await db.select({ id: categories.id }).from(categories).where(sql`${categories.slug} = ${slug}`);
  return row!.id;
}

/** One note in every state a feed must never show to the public, plus the author's suspended twin. */
export const HIDDEN_STATES: PostStatus[] = ["draft", "held", "hidden", "removed", "deleted"];
