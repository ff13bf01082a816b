import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { comments, moderationActions, posts, type CommentStatus, type PostStatus, type ReportReason } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { CURSOR_TIME_FORMAT, CURSOR_TIME_PATTERN, decodeCursor, encodeCursor } from "./feeds/cursor";
import { rowsOf } from "../shared/sql-rows";
import { userSummaries, type UserSummary } from "./views";
import { literalInt } from "../shared/sql-literal";

export type QueueItem = {
  targetType: "post" | "comment";
  targetId: string;
  reportCount: number;
  reasons: { reason: ReportReason; count: number }[];
  /** The reporters' own words, newest first (at most five). */
  details: string[];
  /** When it started waiting: its first open report, or when the filter held it. */
  since: string;
  held: boolean;
  target: {
    status: PostStatus | CommentStatus;
    author: UserSummary;
    title: string | null;
    excerpt: string;
    postId: string;
    holdReason: string | null;
  };
};

export type QueuePage = { items: QueueItem[]; nextCursor: string | null };

const cursorShape = z.object({ s: z.string().regex(CURSOR_TIME_PATTERN), t: z.string(), id: z.uuid() });

interface QueueRow {
  target_type: "post" | "comment";
  target_id: string;
  report_count: number | string;
  reasons: { reason: ReportReason; count: number }[] | string;
  details: string[] | string | null;
  since: string;
}

/**
 * The staff review queue, oldest waiting first: every target with open reports (grouped, with counts
 * by reason) and every note the keyword filter held. Keyset-paginated on (since, type, id).
 */
export async function listModerationQueue(
  ctx: AppContext,
  staff: CurrentUser,
  options: { cursor?: string; limit?: number } = {},
): Promise<QueuePage> {
  requirePermission(staff, "moderate:post:any");
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 50);
  const after = options.cursor ? decodeCursor(cursorShape, options.cursor) : null;
  const afterClause = after ? sql`where (q.since, q.target_type, q.target_id) > (${after.s}::timestamptz, ${after.t}, ${after.id}::uuid)` : sql``;

  const result = await ctx.db.execute(sql`
    with grouped as (
      select target_type, target_id, reason, count(*)::int as n, min(created_at) as first_at
      from reports where status = 'open'
      group by target_type, target_id, reason
    ),
    reported as (
      select target_type, target_id, sum(n)::int as report_count,
        json_agg(json_build_object('reason', reason, 'count', n) order by n desc, reason) as reasons,
        min(first_at) as since
      from grouped group by target_type, target_id
    ),
    q as (
      select target_type, target_id, report_count, reasons, since from reported
      union all
      select 'post', p.id, 0, '[]'::json, p.updated_at from posts p
      where p.status = 'held'
        and not exists (select 1 from reports r where r.status = 'open' and r.target_type = 'post' and r.target_id = p.id)
    )
    select q.target_type, q.target_id, q.report_count, q.reasons,
      to_char(q.since at time zone 'UTC', ${CURSOR_TIME_FORMAT}) as since,
      (select array_agg(d.detail) from (
        select r.detail from reports r
        where r.status = 'open' and r.target_type = q.target_type and r.target_id = q.target_id and r.detail <> ''
        order by r.created_at desc limit 5) d) as details
    from q ${afterClause}
    order by q.since, q.target_type, q.target_id
    limit ${literalInt(limit + 1)}`);
  const rows = rowsOf<QueueRow>(result);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ s: last.since, t: last.target_type, id: last.target_id }) : null;

  const items = await describeTargets(ctx, page);
  return { items, nextCursor };
}

async function describeTargets(ctx: AppContext, rows: QueueRow[]): Promise<QueueItem[]> {
  const postIds = rows.filter((r) => r.target_type === "post").map((r) => r.target_id);
  const commentIds = rows.filter((r) => r.target_type === "comment").map((r) => r.target_id);
  const [postRows, commentRows, holdRows] = await Promise.all([
    postIds.length
      ? ctx.db
          .select({ id: posts.id, status: posts.status, authorId: posts.authorId, title: posts.title, body: posts.body })
          .from(posts)
          .where(inArray(posts.id, postIds))
      : Promise.resolve([]),
    commentIds.length
      ? ctx.db
          .select({ id: comments.id, status: comments.status, authorId: comments.authorId, body: comments.body, postId: comments.postId })
          .from(comments)
          .where(inArray(comments.id, commentIds))
      : Promise.resolve([]),
    postIds.length
      ? ctx.db
          .selectDistinctOn([moderationActions.targetId], { targetId: moderationActions.targetId, reason: moderationActions.reason })
          .from(moderationActions)
          .where(sql`${moderationActions.targetType} = 'post' and ${moderationActions.action} = 'hold' and ${inArray(moderationActions.targetId, postIds)}`)
          .orderBy(moderationActions.targetId, sql`${moderationActions.createdAt} desc`)
      : Promise.resolve([]),
  ]);
  const postsById = new Map(postRows.map((p) => [p.id, p]));
  const commentsById = new Map(commentRows.map((c) => [c.id, c]));
  const holds = new Map(holdRows.map((h) => [h.targetId, h.reason]));
  const authors = new Map(
    (await userSummaries(ctx, [...postRows.map((p) => p.authorId), ...commentRows.map((c) => c.authorId)])).map((u) => [u.id, u]),
  );

  return rows.flatMap((row): QueueItem[] => {
    const post = row.target_type === "post" ? postsById.get(row.target_id) : undefined;
    const comment = row.target_type === "comment" ? commentsById.get(row.target_id) : undefined;
    const target = post
      ? { status: post.status, authorId: post.authorId, title: post.title, excerpt: post.body.slice(0, 140), postId: post.id }
      : comment
        ? { status: comment.status, authorId: comment.authorId, title: null, excerpt: comment.body.slice(0, 140), postId: comment.postId }
        : null;
    const author = target ? authors.get(target.authorId) : undefined;
    if (!target || !author) return [];
    const held = target.status === "held";
    return [
      {
        targetType: row.target_type,
        targetId: row.target_id,
        reportCount: Number(row.report_count),
        reasons: typeof row.reasons === "string" ? JSON.parse(row.reasons) : row.reasons,
        details: parseTextArray(row.details),
        since: new Date(row.since).toISOString(),
        held,
        target: {
          status: target.status,
          author,
          title: target.title,
          excerpt: target.excerpt,
          postId: target.postId,
          holdReason: held ? (holds.get(row.target_id) ?? null) : null,
        },
      },
    ];
  });
}

/** text[] from a raw query: an array from both drivers, but guard against the literal form. */
function parseTextArray(value: string[] | string | null): string[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, "").split(",").filter(Boolean);
}
