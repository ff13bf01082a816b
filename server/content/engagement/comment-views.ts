import { sql } from "drizzle-orm";
import type { CommentStatus } from "../../../db/schema";
import type { AppContext } from "../../context";
import { can } from "../../identity";
import { parseBody, type BodyToken } from "../parse-body";
import { userSummaries, type UserSummary, type Viewer } from "../views";
import { CURSOR_TIME_FORMAT } from "../feeds/cursor";
import { rowsOf } from "../../shared/sql-rows";

/** One comment as the note page and the API show it. */
export type CommentView = {
  id: string;
  postId: string;
  /** The top-level comment a reply hangs under; null for a top-level comment. */
  parentId: string | null;
  author: UserSummary;
  /** For a reply to a reply: whom it answers ("回复 @name"). */
  replyTo: UserSummary | null;
  body: string;
  bodyTokens: BodyToken[];
  createdAt: string;
  /** Visible replies under a top-level comment (0 for a reply). */
  replyCount: number;
  /** A top-level comment's first replies, oldest first (listComments fills it). */
  replies?: CommentView[];
  status: CommentStatus;
  canDelete: boolean;
};

/** The columns every comment query selects, with the keyset timestamp kept to the microsecond. */
export const COMMENT_COLUMNS = sql.raw(`c.id, c.post_id, c.parent_id, c.author_id, c.reply_to_user_id, c.body, c.status,
  c.reply_count, to_char(c.created_at at time zone 'UTC', '${CURSOR_TIME_FORMAT}') as created_key`);

export type CommentRow = {
  id: string;
  post_id: string;
  parent_id: string | null;
  author_id: string;
  reply_to_user_id: string | null;
  body: string;
  status: CommentStatus;
  reply_count: number;
  created_key: string;
};

/**
 * Which comments a viewer sees: visible ones; their own hidden or removed ones (marked with their
 * status, so they know); staff every comment not deleted. As SQL over the alias `c`.
 */
export function commentVisibility(viewer: Viewer) {
  if (viewer && can(viewer, "delete:comment:any")) return sql`c.status <> 'deleted'`;
  if (viewer) return sql`(c.status = 'visible' or (c.author_id = ${viewer.id} and c.status in ('hidden', 'removed')))`;
  return sql`c.status = 'visible'`;
}

/**
 * Views for comment rows, with one query for the people involved and one for the mentioned handles,
 * however many comments the page holds.
 */
export async function commentViewsOf(
  ctx: Pick<AppContext, "db">,
  rows: readonly CommentRow[],
  viewer: Viewer,
): Promise<CommentView[]> {
  if (rows.length === 0) return [];
  const parsed = rows.map((r) => parseBody(r.body));
  const handles = [...new Set(parsed.flatMap((p) => p.mentionHandles.map((h) => h.toLowerCase())))];
  const [people, mentioned] = await Promise.all([
    userSummaries(ctx, [...new Set(rows.flatMap((r) => [r.author_id, ...(r.reply_to_user_id ? [r.reply_to_user_id] : [])]))]),
    handles.length === 0
      ? Promise.resolve([])
      : ctx.db
          .execute(sql`select id, lower(handle) as handle from users where lower(handle) in ${handles} and status = 'active'`)
          .then((r) => rowsOf<{ id: string; handle: string }>(r)),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const idByHandle = new Map(mentioned.map((m) => [m.handle, m.id]));
  const staff = can(viewer, "delete:comment:any");
  return rows.flatMap((r, i) => {
    const author = byId.get(r.author_id);
    if (!author) return [];
    return [
      {
        id: r.id,
        postId: r.post_id,
        parentId: r.parent_id,
        author,
        replyTo: r.reply_to_user_id ? (byId.get(r.reply_to_user_id) ?? null) : null,
        body: r.body,
        bodyTokens: parsed[i]!.tokens.map((t) =>
          t.type === "mention" ? { ...t, userId: idByHandle.get(t.handle.toLowerCase()) ?? null } : t,
        ),
        createdAt: keyToIso(r.created_key),
        replyCount: Number(r.reply_count),
        status: r.status,
        canDelete: r.status !== "deleted" && (staff || viewer?.id === r.author_id),
      },
    ];
  });
}

/** `2026-11-23T02:00:00.123456Z` → `2026-11-23T02:00:00.123Z`: views speak milliseconds. */
export function keyToIso(key: string): string {
  return new Date(key.replace(/(\.\d{3})\d{3}Z$/, "$1Z")).toISOString();
}
