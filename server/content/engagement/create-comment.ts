import { eq, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { comments, posts } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { AppError } from "../../shared/errors";
import { parseBody } from "../parse-body";
import { rowsOf } from "../../shared/sql-rows";
import { COMMENT_COLUMNS, commentViewsOf, type CommentRow, type CommentView } from "./comment-views";
import { isPostLocked } from "../../creators/fan-groups/views";
import { requireEngageablePost } from "./engageable-post";
import { ENGAGEMENT_EVENTS, type CommentCreatedPayload } from "./events";
import { COMMENTS_PER_NEW_USER, COMMENTS_PER_USER, NEW_ACCOUNT_MS } from "./rate-limits";
import { createCommentSchema, type CreateCommentInput } from "./schemas";

const EXCERPT_LENGTH = 80;

type Thread = { parentId: string; parentAuthorId: string; replyToUserId: string | null };

/**
 * Where a reply goes. Replies are one level deep: answering a reply attaches to its top-level comment
 * and records whom it answers. The top-level row is locked (FOR NO KEY UPDATE, the lock its
 * reply_count update takes anyway), so a concurrent delete of the thread either sees this reply and
 * deletes it too, or waits until it exists.
 */
async function threadFor(tx: Transaction, postId: string, parentId: string): Promise<Thread> {
  const notFound = () => new AppError("VALIDATION_FAILED", "validationFailed", { fields: { parentId: ["notFound"] } });
  const [target] = rowsOf<{ id: string; post_id: string; parent_id: string | null; author_id: string }>(
    await tx.execute(sql`select id, post_id, parent_id, author_id from comments where id = ${parentId}`),
  );
  if (!target || target.post_id !== postId) throw notFound();
  const topId = target.parent_id ?? target.id;
  const [top] = rowsOf<{ author_id: string; status: string }>(
    await tx.execute(sql`select author_id, status from comments where id = ${topId} for no key update`),
  );
  if (!top || top.status !== "visible") throw notFound();
  if (target.parent_id) {
    const [reply] = rowsOf<{ status: string }>(await tx.execute(sql`select status from comments where id = ${target.id}`));
    if (reply?.status !== "visible") throw notFound();
  }
  return { parentId: topId, parentAuthorId: top.author_id, replyToUserId: target.parent_id ? target.author_id : null };
}

/**
 * Comments on a published note (NOT_FOUND otherwise), or replies within a thread. Plain text, 1–500
 * characters, with @mentions resolved to active members. The note's comment_count (top-level comments
 * and replies) and the thread's reply_count move in the same transaction, and
 * `content.comment.created` carries everyone a notification is for. Rate-limited: 30 per 10 minutes,
 * 10 for accounts younger than a day.
 */
export async function createComment(
  ctx: Pick<AppContext, "db" | "clock" | "rateLimits">,
  user: CurrentUser,
  input: CreateCommentInput,
): Promise<CommentView> {
  requirePermission(user, "create:comment:own");
  const { postId, body, parentId } = parseInput(createCommentSchema, input);
  const now = ctx.clock.now();
  const isNew = now.getTime() - new Date(user.createdAt).getTime() < NEW_ACCOUNT_MS;
  await ctx.rateLimits.consume(isNew ? COMMENTS_PER_NEW_USER : COMMENTS_PER_USER, user.id);

  const row = await ctx.db.transaction(async (tx) => {
    const post = await requireEngageablePost(tx, postId);
    // A fan-only note's thread is for its fan group (see list-comments): outsiders may not write in it either.
    if (await isPostLocked(tx, postId, user)) throw new AppError("FORBIDDEN", "fanGroups.locked");
    const thread = parentId ? await threadFor(tx, postId, parentId) : null;

    const handles = parseBody(body).mentionHandles.map((h) => h.toLowerCase());
    const mentionedUserIds =
      handles.length === 0
        ? []
        : rowsOf<{ id: string }>(
            await tx.execute(sql`select id from users where lower(handle) in ${handles} and status = 'active' and id <> ${user.id}`),
          ).map((r) => r.id);

    const [created] = await tx
      .insert(comments)
      .values({
        postId,
        authorId: user.id,
        parentId: thread?.parentId ?? null,
        replyToUserId: thread?.replyToUserId ?? null,
        body,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: comments.id });
    if (thread) {
      await tx
        .update(comments)
        .set({ replyCount: sql`${comments.replyCount} + 1` })
        .where(eq(comments.id, thread.parentId));
    }
    await tx
      .update(posts)
      .set({ commentCount: sql`${posts.commentCount} + 1` })
      .where(eq(posts.id, postId));

    const payload: CommentCreatedPayload = {
      commentId: created!.id,
      postId,
      userId: user.id,
      postAuthorId: post.authorId,
      parentId: thread?.parentId ?? null,
      parentAuthorId: thread?.parentAuthorId ?? null,
      replyToUserId: thread?.replyToUserId ?? null,
      mentionedUserIds,
      excerpt: Array.from(body).slice(0, EXCERPT_LENGTH).join(""),
    };
    await emitEvent(tx, { type: ENGAGEMENT_EVENTS.commentCreated, payload, occurredAt: now });
    const [saved] = rowsOf<CommentRow>(await tx.execute(sql`select ${COMMENT_COLUMNS} from comments c where c.id = ${created!.id}`));
    return saved!;
  });
  const [view] = await commentViewsOf(ctx, [row], user);
  return view!;
}
