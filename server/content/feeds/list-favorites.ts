import { sql } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context";
import { parseInput } from "../../identity/parse-input";
import { AppError } from "../../shared/errors";
import { loadPostCards, type Viewer } from "../views";
import { CURSOR_TIME_FORMAT, CURSOR_TIME_PATTERN, decodeCursor, encodeCursor } from "./cursor";
import { DEFAULT_FEED_LIMIT, type FeedPage } from "./get-feed";
import { pageInputSchema, type PageInput } from "./schemas";
import { rowsOf } from "../../shared/sql-rows";
import { literalInt } from "../../shared/sql-literal";

const favoritesCursor = z.strictObject({ list: z.literal("fav"), t: z.string().regex(CURSOR_TIME_PATTERN), id: z.uuid() });

/**
 * A member's favourites (收藏), most recently saved first, keyset over favorites_user_idx. Private:
 * UNAUTHENTICATED for a visitor, FORBIDDEN for anyone but the owner. Notes that are no longer public
 * (hidden, removed, deleted, a suspended author's) drop out of the list.
 */
export async function listFavorites(
  ctx: Pick<AppContext, "db">,
  ownerId: string,
  viewer: Viewer,
  input: PageInput = {},
): Promise<FeedPage> {
  if (!viewer) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  if (viewer.id !== ownerId) throw new AppError("FORBIDDEN", "forbidden");
  const { cursor, limit = DEFAULT_FEED_LIMIT } = parseInput(pageInputSchema, input);
  const after = cursor ? decodeCursor(favoritesCursor, cursor) : null;

  const rows = rowsOf<{ id: string; k: string }>(
    await ctx.db.execute(sql`
      select f.post_id as id, to_char(f.created_at at time zone 'UTC', ${CURSOR_TIME_FORMAT}) as k
      from favorites f join posts p on p.id = f.post_id
      where f.user_id = ${ownerId} and p.status = 'published'
        and exists (select 1 from users u where u.id = p.author_id and u.status = 'active')
        ${after ? sql`and (f.created_at, f.post_id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
      order by f.created_at desc, f.post_id desc limit ${literalInt(limit + 1)}`),
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await loadPostCards(ctx, page.map((r) => r.id), viewer.id),
    nextCursor: rows.length > limit && last ? encodeCursor({ list: "fav", t: last.k, id: last.id }) : null,
  };
}
