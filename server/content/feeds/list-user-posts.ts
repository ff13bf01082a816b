import { sql } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context";
import { can } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { AppError } from "../../shared/errors";
import { isUuid } from "../schemas";
import { loadPostCards, type Viewer } from "../views";
import { CURSOR_TIME_FORMAT, CURSOR_TIME_PATTERN, decodeCursor, encodeCursor } from "./cursor";
import { DEFAULT_FEED_LIMIT, type FeedPage } from "./get-feed";
import { pageInputSchema, type PageInput } from "./schemas";
import { rowsOf } from "../../shared/sql-rows";
import { literalInt } from "../../shared/sql-literal";

const publicCursor = z.strictObject({ list: z.literal("user"), t: z.string().regex(CURSOR_TIME_PATTERN), id: z.uuid() });
const ownerCursor = z.strictObject({ list: z.literal("own"), t: z.string().regex(CURSOR_TIME_PATTERN), id: z.uuid() });

/**
 * A member's notes grid, newest first. Everyone sees their published notes (keyset over
 * posts_author_idx); the owner also sees drafts and held, hidden or removed notes, each card carrying
 * its status, ordered by publication or, for never-published drafts, creation. Deleted notes never
 * show. NOT_FOUND for an unknown member, or a suspended one for anyone but staff.
 */
export async function listUserPosts(
  ctx: Pick<AppContext, "db">,
  userId: string,
  viewer: Viewer,
  input: PageInput = {},
): Promise<FeedPage> {
  const { cursor, limit = DEFAULT_FEED_LIMIT } = parseInput(pageInputSchema, input);
  const isOwner = viewer?.id === userId;
  const after = cursor ? decodeCursor(isOwner ? ownerCursor : publicCursor, cursor) : null;
  if (!isUuid(userId)) throw new AppError("NOT_FOUND", "notFound");
  const [user] = rowsOf<{ status: string }>(await ctx.db.execute(sql`select status from users where id = ${userId}`));
  if (!user || (user.status !== "active" && !isOwner && !can(viewer, "suspend:user:any"))) {
    throw new AppError("NOT_FOUND", "notFound");
  }

  const rows = rowsOf<{ id: string; k: string }>(
    await ctx.db.execute(
      isOwner
        ? sql`select p.id, to_char(coalesce(p.published_at, p.created_at) at time zone 'UTC', ${CURSOR_TIME_FORMAT}) as k
            from posts p where p.author_id = ${userId} and p.status <> 'deleted'
              ${after ? sql`and (coalesce(p.published_at, p.created_at), p.id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
            order by coalesce(p.published_at, p.created_at) desc, p.id desc limit ${literalInt(limit + 1)}`
        : sql`select p.id, to_char(p.published_at at time zone 'UTC', ${CURSOR_TIME_FORMAT}) as k
            from posts p where p.author_id = ${userId} and p.status = 'published' and p.published_at is not null
              ${after ? sql`and (p.published_at, p.id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
            order by p.published_at desc, p.id desc limit ${literalInt(limit + 1)}`,
    ),
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await loadPostCards(ctx, page.map((r) => r.id), viewer?.id ?? null),
    nextCursor: rows.length > limit && last ? encodeCursor({ list: isOwner ? "own" : "user", t: last.k, id: last.id }) : null,
  };
}
