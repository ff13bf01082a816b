import { sql } from "drizzle-orm";
import { z } from "zod";
import type { PostStatus } from "../../../db/schema";
import type { AppContext } from "../../context";
import { AppError } from "../../shared/errors";
import { parseInput } from "../../identity/parse-input";
import { isUuid } from "../schemas";
import { isPostLocked } from "../../creators/fan-groups/views";
import { isVisibleTo, type Viewer } from "../views";
import { CURSOR_TIME_PATTERN, decodeCursor, encodeCursor } from "../feeds/cursor";
import { rowsOf } from "../../shared/sql-rows";
import { COMMENT_COLUMNS, commentVisibility, commentViewsOf, type CommentRow, type CommentView } from "./comment-views";
import { pageQuerySchema, type PageQuery } from "./schemas";
import { literalInt } from "../../shared/sql-literal";

/** Replies shown under each top-level comment before "展开 N 条回复". */
export const INLINE_REPLIES = 3;
const DEFAULT_LIMIT = 20;

const commentCursor = z.strictObject({ k: z.literal("c"), t: z.string().regex(CURSOR_TIME_PATTERN), id: z.uuid() });
const replyCursor = z.strictObject({ k: z.literal("r"), t: z.string().regex(CURSOR_TIME_PATTERN), id: z.uuid() });

/**
 * NOT_FOUND for a note the viewer may not see; FORBIDDEN (`fanGroups.locked`) for a fan-only note of a
 * fan group they are not in: its comments quote and answer the text it keeps back, so they are the
 * fans' too. The author, fans and staff read them.
 */
async function requireVisiblePost(ctx: Pick<AppContext, "db">, postId: string, viewer: Viewer): Promise<void> {
  if (!isUuid(postId)) throw new AppError("NOT_FOUND", "notFound");
  const [post] = rowsOf<{ status: PostStatus; author_id: string }>(
    await ctx.db.execute(sql`select status, author_id from posts where id = ${postId}`),
  );
  if (!post || !isVisibleTo({ status: post.status, authorId: post.author_id }, viewer)) {
    throw new AppError("NOT_FOUND", "notFound");
  }
  if (await isPostLocked(ctx.db, postId, viewer)) throw new AppError("FORBIDDEN", "fanGroups.locked");
}

/**
 * A note's top-level comments, newest first (as Xiaohongshu opens a thread on what was just said),
 * each with its first three replies (oldest first, so a conversation reads in order) and its reply
 * count. Keyset pages over comments_post_idx (post_id, created_at, id): a deep page costs what the
 * first does. NOT_FOUND when the viewer may not see the note.
 */
export async function listComments(
  ctx: Pick<AppContext, "db">,
  postId: string,
  viewer: Viewer,
  query: PageQuery = {},
): Promise<{ items: CommentView[]; nextCursor: string | null }> {
  const { cursor, limit = DEFAULT_LIMIT } = parseInput(pageQuerySchema, query);
  const after = cursor ? decodeCursor(commentCursor, cursor) : null;
  await requireVisiblePost(ctx, postId, viewer);
  const visible = commentVisibility(viewer);

  const tops = rowsOf<CommentRow>(
    await ctx.db.execute(sql`
      select ${COMMENT_COLUMNS} from comments c
      where c.post_id = ${postId} and c.parent_id is null and ${visible}
        ${after ? sql`and (c.created_at, c.id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
      order by c.created_at desc, c.id desc
      limit ${literalInt(limit + 1)}`),
  );
  const page = tops.slice(0, limit);
  const replies =
    page.length === 0
      ? []
      : rowsOf<CommentRow>(
          await ctx.db.execute(sql`
            select r.* from unnest(array[${sql.join(
              page.map((p) => sql`${p.id}`),
              sql`, `,
            )}]::uuid[]) as t(id)
            cross join lateral (
              select ${COMMENT_COLUMNS} from comments c
              where c.parent_id = t.id and ${visible}
              order by c.created_at, c.id
              limit ${literalInt(INLINE_REPLIES)}
            ) r`),
        );

  const views = await commentViewsOf(ctx, [...page, ...replies], viewer);
  const byParent = new Map<string, CommentView[]>();
  for (const v of views) {
    if (v.parentId) (byParent.get(v.parentId) ?? byParent.set(v.parentId, []).get(v.parentId)!).push(v);
  }
  const items = views.filter((v) => !v.parentId).map((v) => ({ ...v, replies: byParent.get(v.id) ?? [] }));
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: tops.length > limit && last ? encodeCursor({ k: "c", t: last.created_key, id: last.id }) : null,
  };
}

/**
 * The replies of one top-level comment, oldest first, after the ones already shown. NOT_FOUND when
 * the comment is not a top-level comment the viewer may see, or its note is hidden from them.
 */
export async function listReplies(
  ctx: Pick<AppContext, "db">,
  commentId: string,
  viewer: Viewer,
  query: PageQuery = {},
): Promise<{ items: CommentView[]; nextCursor: string | null }> {
  const { cursor, limit = DEFAULT_LIMIT } = parseInput(pageQuerySchema, query);
  const after = cursor ? decodeCursor(replyCursor, cursor) : null;
  if (!isUuid(commentId)) throw new AppError("NOT_FOUND", "notFound");
  const visible = commentVisibility(viewer);
  const [top] = rowsOf<{ post_id: string }>(
    await ctx.db.execute(sql`select c.post_id from comments c where c.id = ${commentId} and c.parent_id is null and ${visible}`),
  );
  if (!top) throw new AppError("NOT_FOUND", "notFound");
  await requireVisiblePost(ctx, top.post_id, viewer);

  const rows = rowsOf<CommentRow>(
    await ctx.db.execute(sql`
      select ${COMMENT_COLUMNS} from comments c
      where c.parent_id = ${commentId} and ${visible}
        ${after ? sql`and (c.created_at, c.id) > (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
      order by c.created_at, c.id
      limit ${literalInt(limit + 1)}`),
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await commentViewsOf(ctx, page, viewer),
    nextCursor: rows.length > limit && last ? encodeCursor({ k: "r", t: last.created_key, id: last.id }) : null,
  };
}
