import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context";
import { CURSOR_TIME_FORMAT, CURSOR_TIME_PATTERN, decodeCursor, encodeCursor } from "./cursor";
import { publicNotes, publishedNotes, type FeedFilter } from "./feed-filters";
import { FOLLOW_BOOST, INTEREST_HALF_LIFE_DAYS, MAX_INTEREST_BOOST, normaliseInterests } from "./rules";
import { rowsOf } from "../../shared/sql-rows";
import { loadNewestPostCards, type PostCard } from "../views";
import { literalInt } from "../../shared/sql-literal";

/*
 * 推荐 recommended — how it stays personal, stable and cheap at any depth.
 *
 * 1. Candidates: a bounded window of notes published at or before the cursor's `asOf` (the instant
 *    of page 1): the top HOT_WINDOW by hot score (posts_hot_idx), the newest FRESH_WINDOW
 *    (posts_published_idx), for a signed-in reader also the latest notes of up to FOLLOWEE_WINDOW of
 *    the people they follow (posts_author_idx, LATERAL) and of their strongest interest categories
 *    (posts_category_idx). At most a few thousand ids, each found by an index range scan.
 * 2. Score, in SQL over that window only:
 *      (hot_score + ½·quality_score + freshness) × (1 + interest) × (followed ? 1.5 : 1)
 *    hot_score and quality_score are precomputed by the 10-minute job; freshness is measured from
 *    `asOf`, not from now; interest is the reader's normalised interest in the note's category, taken
 *    on page 1 and carried in the cursor. Visitors get the blend of hot and fresh alone.
 * 3. Phase 1 pages through the window by (score, id) descending; phase 2, once the window is spent,
 *    continues with every other note newest first by (published_at, id) — the window is excluded —
 *    so the feed never runs dry and no note shows twice.
 *
 * Every input of a note's score is fixed for the life of a cursor (asOf and interests are in it;
 * hot/quality move only when the job runs), so the order doesn't shift between pages: notes
 * published meanwhile wait for the next pull-to-refresh instead of pushing others down a page. Each
 * page costs one window (bounded) plus a keyset scan, so page 1,000 costs what page 1 costs.
 */

const HOT_WINDOW = 400;
const FRESH_WINDOW = 200;
const FOLLOWEE_WINDOW = 300;
const PER_FOLLOWEE = 5;
const FOLLOWEE_RECENCY_DAYS = 14;
const INTEREST_CATEGORIES = 3;
const PER_INTEREST_CATEGORY = 100;

const CANDIDATE_COLUMNS = "p.id, p.author_id, p.category_id, p.published_at, p.hot_score, p.quality_score";

const interestSchema = z.array(z.tuple([z.uuid(), z.number().min(0).max(1)])).max(8);
const recommendedCursor = z.discriminatedUnion("phase", [
  z.strictObject({
    tab: z.literal("recommended"),
    phase: z.literal(1),
    asOf: z.string().regex(CURSOR_TIME_PATTERN),
    i: interestSchema,
    s: z.number().finite(),
    id: z.uuid(),
  }),
  z.strictObject({
    tab: z.literal("recommended"),
    phase: z.literal(2),
    asOf: z.string().regex(CURSOR_TIME_PATTERN),
    i: interestSchema,
    t: z.string().regex(CURSOR_TIME_PATTERN).nullable(),
    id: z.uuid().nullable(),
  }),
]);
type RecommendedCursor = z.output<typeof recommendedCursor>;

type Options = { viewerId: string | null; filter: FeedFilter; cursor: string | undefined; limit: number };

/** The reader's strongest categories, decayed to now and normalised (see rules.normaliseInterests). */
async function interestsOf(ctx: Pick<AppContext, "db">, viewerId: string, asOf: string): Promise<[string, number][]> {
  const rows = rowsOf<{ category_id: string; score: number }>(
    await ctx.db.execute(sql`
      select category_id,
        score * power(0.5, greatest(extract(epoch from (${asOf}::timestamptz - updated_at))::float8, 0) / ${INTEREST_HALF_LIFE_DAYS * 86400}::float8) as score
      from user_interests where user_id = ${viewerId}`),
  );
  return normaliseInterests(rows.map((r) => ({ categoryId: r.category_id, score: Number(r.score) })));
}

/**
 * The candidates (as a CTE body) for one reader at one instant. Each part returns the columns the
 * score needs, so the window is never joined back to posts (the planner, misjudging the window's
 * size, would hash-join it against a sequential scan of every note).
 */
function candidates(viewerId: string | null, filter: FeedFilter, asOf: string, interests: [string, number][]): SQL {
  const visible = sql`${publicNotes(filter)} and p.published_at <= ${asOf}::timestamptz`;
  const columns = sql.raw(CANDIDATE_COLUMNS);
  const parts: SQL[] = [
    sql`(select ${columns} from posts p where ${visible} order by p.hot_score desc, p.id desc limit ${literalInt(HOT_WINDOW)})`,
    sql`(select ${columns} from posts p where ${visible} order by p.published_at desc, p.id desc limit ${literalInt(FRESH_WINDOW)})`,
  ];
  if (viewerId) {
    parts.push(sql`(select ${columns} from (
        select followee_id from follows where follower_id = ${viewerId} and created_at <= ${asOf}::timestamptz
        order by created_at desc limit ${literalInt(FOLLOWEE_WINDOW)}) f
      cross join lateral (
        select ${columns} from posts p
        where p.author_id = f.followee_id and ${visible}
          and p.published_at > ${asOf}::timestamptz - make_interval(days => ${FOLLOWEE_RECENCY_DAYS})
        order by p.published_at desc, p.id desc limit ${literalInt(PER_FOLLOWEE)}) p)`);
  }
  for (const [categoryId] of interests.slice(0, INTEREST_CATEGORIES)) {
    if (filter.categoryId && filter.categoryId !== categoryId) continue;
    parts.push(sql`(select ${columns} from posts p where p.category_id = ${categoryId} and ${visible}
      order by p.published_at desc, p.id desc limit ${literalInt(PER_INTEREST_CATEGORY)})`);
  }
  return sql.join(parts, sql` union `);
}

/** The score expression over `p` (see the comment at the top and rules.recommendedScore). */
function scoreOf(viewerId: string | null, asOf: string, interests: [string, number][]): SQL {
  const ageHours = sql`greatest(extract(epoch from (${asOf}::timestamptz - p.published_at))::float8, 0) / 3600`;
  const base = sql`(p.hot_score + 0.5 * p.quality_score + 1 / (1 + ${ageHours} / 12))`;
  if (!viewerId) return base;
  const interest =
    interests.length === 0
      ? sql`0`
      : sql`(case p.category_id ${sql.join(
          interests.map(([c, w]) => sql`when ${c}::uuid then ${Math.min(w, MAX_INTEREST_BOOST)}::float8`),
          sql` `,
        )} else 0 end)`;
  const followed = sql`exists (select 1 from follows f where f.follower_id = ${viewerId} and f.followee_id = p.author_id
    and f.created_at <= ${asOf}::timestamptz)`;
  return sql`(${base} * (1 + ${interest}) * (case when ${followed} then ${FOLLOW_BOOST}::float8 else 1 end))`;
}

/** A reader's scored window at one instant, best first; reused while fresh (see config.feedCacheSeconds). */
interface RankedWindow {
  asOf: string;
  interests: [string, number][];
  rows: { id: string; score: number }[];
}

type RecommendedContext = Pick<AppContext, "db" | "clock" | "cache" | "config">;

/** Where a reader's latest first page put its ranking, and that ranking by its instant. */
function pointerKey(viewerId: string | null, filter: FeedFilter): string {
  return `recommended:latest:${viewerId ?? "visitor"}:${filter.categoryId ?? ""}:${filter.topicId ?? ""}`;
}
function windowKey(viewerId: string | null, filter: FeedFilter, asOf: string): string {
  return `recommended:${viewerId ?? "visitor"}:${filter.categoryId ?? ""}:${filter.topicId ?? ""}:${asOf}`;
}

/** Scores the whole window once, best first (at most a few thousand rows, see the limits above). */
async function rankWindow(ctx: RecommendedContext, viewerId: string | null, filter: FeedFilter, asOf: string, interests: [string, number][]) {
  const rows = rowsOf<{ id: string; score: number }>(
    await ctx.db.execute(sql`
      with cand as (${candidates(viewerId, filter, asOf, interests)}),
      scored as (select p.id, ${scoreOf(viewerId, asOf, interests)} as score from cand p)
      select id, score from scored order by score desc, id desc`),
  );
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}

/**
 * The ranked window of a first page or of a cursor's instant, from the cache when it holds it. A first
 * page within feedCacheSeconds of the reader's last one reuses that ranking (and its asOf) instead of
 * scoring the window again — the expensive part of 推荐, shared by every visitor and by a reader's
 * refreshes — and a reader scrolling on (phase 1 or 2) finds the ranking of their cursor's instant.
 */
async function cachedWindow(
  ctx: RecommendedContext,
  viewerId: string | null,
  filter: FeedFilter,
  state: RecommendedCursor | null,
): Promise<RankedWindow | null> {
  const ttlMs = ctx.config.feedCacheSeconds * 1000;
  if (ttlMs <= 0) return null;
  const nowMs = ctx.clock.now().getTime();
  const asOf = state?.asOf ?? ctx.cache.get<string>(pointerKey(viewerId, filter), nowMs);
  if (asOf) {
    const cached = ctx.cache.get<RankedWindow>(windowKey(viewerId, filter, asOf), nowMs);
    if (cached) return cached;
  }
  const at = asOf ?? toKey(ctx.clock.now());
  const interests = state ? state.i : viewerId ? await interestsOf(ctx, viewerId, at) : [];
  const fresh: RankedWindow = { asOf: at, interests, rows: await rankWindow(ctx, viewerId, filter, at, interests) };
  ctx.cache.set(windowKey(viewerId, filter, at), fresh, ttlMs, nowMs);
  if (!state) ctx.cache.set(pointerKey(viewerId, filter), at, ttlMs, nowMs);
  return fresh;
}

export async function recommendedPage(
  ctx: RecommendedContext,
  { viewerId, filter, cursor, limit }: Options,
): Promise<{ ids: string[]; nextCursor: string | null; cards?: Map<string, PostCard> }> {
  const state: RecommendedCursor | null = cursor ? decodeCursor(recommendedCursor, cursor) : null;
  if (filter.empty) return { ids: [], nextCursor: null };
  const ranked = await cachedWindow(ctx, viewerId, filter, state);
  const asOf = ranked?.asOf ?? state?.asOf ?? toKey(ctx.clock.now());
  const interests = ranked?.interests ?? (state ? state.i : viewerId ? await interestsOf(ctx, viewerId, asOf) : []);
  const window = candidates(viewerId, filter, asOf, interests);

  const ids: string[] = [];
  let phase2From: { t: string | null; id: string | null } | null = state?.phase === 2 ? { t: state.t, id: state.id } : null;

  if (!state || state.phase === 1) {
    const after = state?.phase === 1 ? state : null;
    let rows: { id: string; score: number }[];
    if (ranked) {
      // (score, id) descending, strictly after the cursor's key — the same order the SQL below uses.
      const start = after
        ? ranked.rows.findIndex((r) => r.score < after.s || (r.score === after.s && r.id < after.id))
        : 0;
      rows = start < 0 ? [] : ranked.rows.slice(start, start + limit + 1);
    } else {
      rows = rowsOf<{ id: string; score: number }>(
        await ctx.db.execute(sql`
          with cand as (${window}),
          scored as (select p.id, ${scoreOf(viewerId, asOf, interests)} as score from cand p)
          select id, score from scored
          ${after ? sql`where (score, id) < (${after.s}::float8, ${after.id}::uuid)` : sql``}
          order by score desc, id desc limit ${literalInt(limit + 1)}`),
      );
    }
    const page = rows.slice(0, limit);
    ids.push(...page.map((r) => r.id));
    const last = page[page.length - 1];
    if (rows.length > limit && last) {
      return { ids, nextCursor: encodeCursor({ tab: "recommended", phase: 1, asOf, i: interests, s: Number(last.score), id: last.id }) };
    }
    phase2From = { t: null, id: null };
  }

  // Phase 2: the window is spent; fill the page with everything else, newest first.
  const need = limit - ids.length;
  const from = phase2From ?? { t: null, id: null };
  if (ranked) {
    const found = await newestOutsideWindow(ctx, viewerId, filter, asOf, from, need, new Set(ranked.rows.map((r) => r.id)));
    ids.push(...found.rows.map((r) => r.id));
    const cards = new Map(found.rows.map((r) => [r.id, r.card] as const));
    const last = found.rows[found.rows.length - 1];
    if (!found.more) return { ids, nextCursor: null, cards };
    return {
      ids,
      cards,
      nextCursor: encodeCursor({ tab: "recommended", phase: 2, asOf, i: interests, t: last?.k ?? from.t, id: last?.id ?? from.id }),
    };
  }
  const rows = rowsOf<{ id: string; k: string }>(
    await ctx.db.execute(sql`
      with cand as (${window})
      select p.id, to_char(p.published_at at time zone 'UTC', ${CURSOR_TIME_FORMAT}) as k from posts p
      where ${publicNotes(filter)} and p.published_at <= ${asOf}::timestamptz
        and not exists (select 1 from cand where cand.id = p.id)
        ${from.t && from.id ? sql`and (p.published_at, p.id) < (${from.t}::timestamptz, ${from.id}::uuid)` : sql``}
      order by p.published_at desc, p.id desc limit ${literalInt(need + 1)}`),
  );
  const page = rows.slice(0, need);
  ids.push(...page.map((r) => r.id));
  if (rows.length <= need) return { ids, nextCursor: null };
  const last = page[page.length - 1];
  return {
    ids,
    nextCursor: encodeCursor({ tab: "recommended", phase: 2, asOf, i: interests, t: last?.k ?? from.t, id: last?.id ?? from.id }),
  };
}

/** Rows a phase-2 scan reads beyond the page, so the window's notes in its range rarely need a second trip. */
const PHASE2_SLACK = 4;

/**
 * The next `want` notes newest first after `from`, with their cards: a plain keyset scan a little
 * longer than the page and the card lookup page 1 makes, in one statement (loadNewestPostCards), so a
 * deep page costs one round trip as page 1 does. The ranked window's notes are skipped here in memory —
 * the window (a few thousand ids spread over every note) rarely has more than a note in one page's
 * range — and so are suspended members' notes, by the author status the cards carry. Sending the
 * window as a parameter, or checking each row's author inside the scan, each cost more than the scan
 * itself, and a statement that changes with the window is re-planned on every call; this one keeps
 * its cached plan, so page 1,000 reads what page 1 reads.
 */
async function newestOutsideWindow(
  ctx: RecommendedContext,
  viewerId: string | null,
  filter: FeedFilter,
  asOf: string,
  from: { t: string | null; id: string | null },
  want: number,
  windowIds: Set<string>,
): Promise<{ rows: { id: string; k: string; card: PostCard }[]; more: boolean }> {
  const out: { id: string; k: string; card: PostCard }[] = [];
  let after = from;
  for (;;) {
    const batch = want - out.length + PHASE2_SLACK;
    const scanned = await loadNewestPostCards(
      ctx,
      sql`select p.id from posts p
        where ${publishedNotes(filter)} and p.published_at <= ${asOf}::timestamptz
          ${after.t && after.id ? sql`and (p.published_at, p.id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
        order by p.published_at desc, p.id desc limit ${literalInt(batch)}`,
      sql<string>`to_char("posts"."published_at" at time zone 'UTC', ${CURSOR_TIME_FORMAT})`,
      viewerId,
      { activeAuthorsOnly: true },
    );
    // A row beyond the page's notes says a next page exists.
    let considered = 0;
    for (const r of scanned) {
      if (out.length === want) break;
      considered++;
      if (r.card && !windowIds.has(r.id)) out.push({ id: r.id, k: r.key, card: r.card });
    }
    const exhausted = scanned.length < batch;
    if (out.length === want) return { rows: out, more: considered < scanned.length || !exhausted };
    const last = scanned[considered - 1];
    // The scan ran out of notes: this is the end of the feed.
    if ((exhausted && considered === scanned.length) || !last) return { rows: out, more: false };
    after = { t: last.key, id: last.id };
  }
}

/** An instant as a cursor key (microsecond digits, as PostgreSQL prints them). */
function toKey(at: Date): string {
  return at.toISOString().replace(/Z$/, "000Z");
}
