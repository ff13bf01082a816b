import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import { can, requirePermission, type CurrentUser } from "../../identity";
import { AppError } from "../../shared/errors";
import { isUuid } from "../schemas";
import { rowsOf } from "../../shared/sql-rows";

/**
 * Soft-deletes a comment: its author or staff only (FORBIDDEN for anyone else). Deleting a top-level
 * comment deletes its visible replies with it, as the thread disappears from the note. The note's
 * comment_count and the thread's reply_count drop by exactly the visible comments that went, in the
 * same transaction. Deleting an already deleted comment is NOT_FOUND.
 */
export async function deleteComment(
  ctx: Pick<AppContext, "db" | "clock">,
  user: CurrentUser,
  commentId: string,
): Promise<void> {
  requirePermission(user, "delete:comment:own");
  if (!isUuid(commentId)) throw new AppError("NOT_FOUND", "notFound");
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // Locked first, so a reply being added to this thread either commits before (and is deleted with
    // it by the statement below, which starts after the lock is ours) or waits and then finds the
    // thread gone.
    const [comment] = rowsOf<{ id: string; post_id: string; parent_id: string | null; author_id: string; status: string }>(
      await tx.execute(sql`select id, post_id, parent_id, author_id, status from comments where id = ${commentId} for no key update`),
    );
    if (!comment || comment.status === "deleted") throw new AppError("NOT_FOUND", "notFound");
    if (!can(user, "delete:comment:own", comment.author_id)) throw new AppError("FORBIDDEN", "forbidden");

    const gone = rowsOf<{ id: string; was_visible: boolean }>(
      await tx.execute(sql`
        update comments c set status = 'deleted', updated_at = ${now.toISOString()}::timestamptz, reply_count = 0
        from comments old
        where old.id = c.id and c.status <> 'deleted'
          and (c.id = ${commentId} or (${comment.parent_id === null} and c.parent_id = ${commentId} and c.status = 'visible'))
        returning c.id, old.status = 'visible' as was_visible`),
    );
    const visibleGone = gone.filter((g) => g.was_visible).length;
    if (visibleGone > 0) {
      await tx.execute(sql`update posts set comment_count = greatest(comment_count - ${visibleGone}, 0) where id = ${comment.post_id}`);
    }
    if (comment.parent_id && comment.status === "visible") {
      await tx.execute(sql`update comments set reply_count = greatest(reply_count - 1, 0) where id = ${comment.parent_id}`);
    }
  });
}
