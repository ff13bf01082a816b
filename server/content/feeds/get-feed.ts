import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context";
import { parseInput } from "../../identity/parse-input";
import { loadPostCards, type PostCard, type Viewer } from "../views";
import { CURSOR_TIME_FORMAT, CURSOR_TIME_PATTERN, decodeCursor, encodeCursor } from "./cursor";
import { publicNotes, resolveFilter, type FeedFilter } from "./feed-filters";
import { recommendedPage } from "./recommended";
import { feedInputSchema, type FeedInput } from "./schemas";
import { rowsOf } from "../../shared/sql-rows";
import { literalInt } from "../../shared/sql-literal";

export const DEFAULT_FEED_LIMIT = 20;

export type FeedPage = { items: PostCard[]; nextCursor: string | null };

const timeKey = z.string().regex(CURSOR_TIME_PATTERN);
const latestCursor = z.strictObject({ tab: z.literal("latest"), t: timeKey, id: z.uuid() });
const followingCursor = z.strictObject({ tab: z.literal("following"), t: timeKey, id: z.uuid() });
const featuredCursor = z.strictObject({ tab: z.literal("featured"), t: timeKey, id: z.uuid() });
const hotCursor = z.strictObject({ tab: z.literal("hot"), s: z.number().finite(), id: z.uuid() });

type KeyRow = { id: string; k: string | number };

const timeOf = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', '${CURSOR_TIME_FORMAT}')`);

/**
 * One page of a feed tab as `viewer` sees it: 关注 following, 推荐 recommended, 精选 featured, 热门 hot, or
 * latest; narrowed to a category page (`categorySlug`) or a topic page (`topic`) on any tab.
 *
 * Every tab is a keyset scan over an index of db/schema/content.ts — (published_at, id),
 * (category_id, published_at, id), (featured_at, id), (hot_score, id), (author_id, published_at, id)
 * — continuing after the key the opaque cursor carries, so page 1,000 costs what page 1 costs and a
 * note published between two requests never shifts what the next page holds. Only published notes of
 * active members appear. A cursor from another tab, or a damaged one, is VALIDATION_FAILED.
 */
export async function getFeed(
  ctx: Pick<AppContext, "db" | "clock" | "cache" | "config">,
  input: FeedInput,
  viewer: Viewer,
): Promise<FeedPage> {
  const { tab, categorySlug, topic, cursor, limit = DEFAULT_FEED_LIMIT } = parseInput(feedInputSchema, input);
  const filter = await resolveFilter(ctx.db, { categorySlug, topic });
  // Decode before anything else can short-circuit, so a bad cursor is an error on every tab.
  const page = await (async (): Promise<{ ids: string[]; nextCursor: string | null; cards?: Map<string, PostCard> }> => {
    switch (tab) {
      case "latest": {
        const after = cursor ? decodeCursor(latestCursor, cursor) : null;
        return filter.empty ? empty() : latest(ctx, filter, after, limit);
      }
      case "following": {
        const after = cursor ? decodeCursor(followingCursor, cursor) : null;
        // Visitors follow nobody: the UI shows its "log in to see who you follow" empty state.
        return filter.empty || !viewer ? empty() : following(ctx, viewer.id, filter, after, limit);
      }
      case "featured": {
        const after = cursor ? decodeCursor(featuredCursor, cursor) : null;
        return filter.empty ? empty() : featured(ctx, filter, after, limit);
      }
      case "hot": {
        const after = cursor ? decodeCursor(hotCursor, cursor) : null;
        return filter.empty ? empty() : hot(ctx, filter, after, limit);
      }
      case "recommended":
        return recommendedPage(ctx, { viewerId: viewer?.id ?? null, filter, cursor, limit });
    }
  })();
  // A page may arrive with its cards already read (recommended's phase 2 reads both in one statement).
  const prefetched = page.cards;
  const missing = prefetched ? page.ids.filter((id) => !prefetched.has(id)) : page.ids;
  const loaded = missing.length > 0 ? await loadPostCards(ctx, missing, viewer?.id ?? null) : [];
  if (!prefetched) return { items: loaded, nextCursor: page.nextCursor };
  const byId = new Map([...prefetched, ...loaded.map((c) => [c.id, c] as const)]);
  return { items: page.ids.flatMap((id) => byId.get(id) ?? []), nextCursor: page.nextCursor };
}

const empty = () => ({ ids: [], nextCursor: null });

/** Takes `limit` of the `limit + 1` rows fetched; the extra row only says whether a next page exists. */
function paginate(rows: KeyRow[], limit: number, cursorOf: (last: KeyRow) => Record<string, unknown>) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { ids: page.map((r) => r.id), nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

async function run(ctx: Pick<AppContext, "db">, query: SQL): Promise<KeyRow[]> {
  return rowsOf<KeyRow>(await ctx.db.execute(query));
}

async function latest(ctx: Pick<AppContext, "db">, filter: FeedFilter, after: { t: string; id: string } | null, limit: number) {
  const rows = await run(
    ctx,
    sql`select p.id, ${timeOf("p.published_at")} as k from posts p
      where ${publicNotes(filter)}
        ${after ? sql`and (p.published_at, p.id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
      order by p.published_at desc, p.id desc limit ${literalInt(limit + 1)}`,
  );
  return paginate(rows, limit, (r) => ({ tab: "latest", t: r.k, id: r.id }));
}

/**
 * Notes by the people the viewer follows, newest first. A LATERAL scan per followee over
 * posts_author_idx fetches at most `limit + 1` notes each and merges them, so the cost is bounded by
 * the number of followees, not by how deep the reader has scrolled.
 */
async function following(
  ctx: Pick<AppContext, "db">,
  viewerId: string,
  filter: FeedFilter,
  after: { t: string; id: string } | null,
  limit: number,
) {
  const rows = await run(
    ctx,
    sql`select p.id, ${timeOf("p.published_at")} as k
      from follows f
      cross join lateral (
        select p.id, p.published_at from posts p
        where p.author_id = f.followee_id and p.published_at is not null and ${publicNotes(filter)}
          ${after ? sql`and (p.published_at, p.id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
        order by p.published_at desc, p.id desc limit ${literalInt(limit + 1)}
      ) p
      where f.follower_id = ${viewerId}
      order by p.published_at desc, p.id desc limit ${literalInt(limit + 1)}`,
  );
  return paginate(rows, limit, (r) => ({ tab: "following", t: r.k, id: r.id }));
}

/** 精选: staff picks, most recently featured first (posts_featured_idx). */
async function featured(ctx: Pick<AppContext, "db">, filter: FeedFilter, after: { t: string; id: string } | null, limit: number) {
  const rows = await run(
    ctx,
    sql`select p.id, ${timeOf("p.featured_at")} as k from posts p
      where p.featured_at is not null and ${publicNotes(filter)}
        ${after ? sql`and (p.featured_at, p.id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
      order by p.featured_at desc, p.id desc limit ${literalInt(limit + 1)}`,
  );
  return paginate(rows, limit, (r) => ({ tab: "featured", t: r.k, id: r.id }));
}

/**
 * 热门: by the hot score the scheduled job keeps (posts_hot_idx). The order is stable between two runs
 * of the job; a run between two pages re-ranks, as any ranking does (the UI drops repeated ids).
 */
async function hot(ctx: Pick<AppContext, "db">, filter: FeedFilter, after: { s: number; id: string } | null, limit: number) {
  const rows = await run(
    ctx,
    sql`select p.id, p.hot_score as k from posts p
      where ${publicNotes(filter)}
        ${after ? sql`and (p.hot_score, p.id) < (${after.s}::float8, ${after.id}::uuid)` : sql``}
      order by p.hot_score desc, p.id desc limit ${literalInt(limit + 1)}`,
  );
  return paginate(rows, limit, (r) => ({ tab: "hot", s: Number(r.k), id: r.id }));
}
