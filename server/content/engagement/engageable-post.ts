import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { AppError } from "../../shared/errors";
import { isUuid } from "../schemas";
import { rowsOf } from "../../shared/sql-rows";

export type EngageablePost = { id: string; authorId: string; categoryId: string | null };

/**
 * The note a like, favourite, comment or share is about, if it may be engaged with: published, by an
 * active member. Anything else — a draft, a held, hidden, removed or deleted note, a suspended
 * author's note, an unknown id — is NOT_FOUND, the same answer for all so nothing leaks.
 *
 * No row lock: the counter UPDATE that follows takes the row lock itself, and a lock here would make
 * two concurrent likers deadlock on upgrading it.
 */
export async function requireEngageablePost(db: Queryable, postId: string): Promise<EngageablePost> {
  if (!isUuid(postId)) throw new AppError("NOT_FOUND", "notFound");
  const [post] = rowsOf<{ id: string; author_id: string; category_id: string | null }>(
    await db.execute(sql`
      select p.id, p.author_id, p.category_id
      from posts p join users u on u.id = p.author_id
      where p.id = ${postId} and p.status = 'published' and u.status = 'active'`),
  );
  if (!post) throw new AppError("NOT_FOUND", "notFound");
  return { id: post.id, authorId: post.author_id, categoryId: post.category_id };
}
