import { sql, type SQL } from "drizzle-orm";
import { newLinkCode } from "../../server/distribution/links/link-code";
import type { Database } from "../../db/client";
import { CATEGORY_VOCABULARY, COVER_VARIANTS, coverSvg, generateNote, mapLimit, renderImage, SeededRandom, storeRenderedUpload } from "../../db/seed/content";
import { ensureDefaultCategories, getFeed, recomputePostScores } from "../../server/content";
import { createAccessToken, createUser, hashPassword, type CurrentUser } from "../../server/identity";
import type { Storage } from "../../server/storage";
import { createTestContextLite } from "./context";
import type { BenchFixtures } from "./scenarios";

/** How big the benchmark community is. PostgreSQL gets the full size; PGlite the same unless told otherwise. */
export interface BenchSize {
  users: number;
  notes: number;
  likesPerUser: number;
  favoritesPerUser: number;
  followsPerUser: number;
}

export const FULL_SIZE: BenchSize = { users: 10_000, notes: 100_000, likesPerUser: 20, favoritesPerUser: 5, followsPerUser: 20 };

export const BENCH_MEMBER = { handle: "bench_member", password: "bench-password-1" };
/** The page the deep-cursor scenario starts from (20 notes a page). */
export const DEEP_PAGE = 1_000;
const PAGE_SIZE = 20;
const TEXTS_PER_CATEGORY = 30;
const COVERS_PER_CATEGORY = 2;
const DAY_S = 86_400;
/** Notes the likePost scenario walks through; none of them is liked by the bench member beforehand. */
const LIKE_TARGETS = 20_000;

export type Progress = (label: string, done: number, total: number) => void;

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

/** A pseudo-random float in [0, 1) per integer, the same in PostgreSQL 15 and PGlite. */
const unit = (expr: SQL) => sql`((hashint4(${expr}) & 2147483647)::float8 / 2147483648)`;

/**
 * A community at the issue's scale — 10k members, 100k notes with pictures, likes and favourites with
 * a long tail, a follow graph — written with set-based SQL (generate_series in batches) rather than
 * through domain functions, which would take hours. Counters are computed from the rows afterwards,
 * scores by the same bulk job the app schedules, then ANALYZE so the planner sees real statistics.
 *
 * Returns what the scenarios need: a token, a popular note, a cursor 1,000 pages deep and notes to like.
 */
export async function seedBenchData(
  db: Database,
  options: { storage: Storage; size?: BenchSize; progress?: Progress },
): Promise<BenchFixtures> {
  const size = options.size ?? FULL_SIZE;
  const progress: Progress = options.progress ?? (() => {});
  const ctx = { ...createTestContextLite(db), storage: options.storage };
  const now = new Date();
  const nowIso = now.toISOString();
  const rng = new SeededRandom(4242);

  await ensureDefaultCategories(db, now);
  const categoryRows = rowsOf<{ id: string; slug: string }>(await db.execute(sql`select id, slug from categories`));
  const categoryId = new Map(categoryRows.map((c) => [c.slug, c.id]));

  // Members: one password hash for all (argon2 is slow on purpose), rows by generate_series.
  const member = await createUser(db, {
    handle: BENCH_MEMBER.handle,
    email: `${BENCH_MEMBER.handle}@bench.invalid`,
    password: BENCH_MEMBER.password,
    displayName: "压测会员",
    now: new Date(now.getTime() - 120 * DAY_S * 1000),
  });
  const hash = await hashPassword("bench-password-shared");
  const USER_BATCH = 5_000;
  for (let from = 1; from <= size.users; from += USER_BATCH) {
    const to = Math.min(size.users, from + USER_BATCH - 1);
    await db.execute(sql`
      with created as (
        insert into users (handle, email, display_name, bio, created_at, updated_at)
        select 'bench_' || g, 'bench_' || g || '@bench.invalid', '会员' || g, '压测社区成员',
               ${nowIso}::timestamptz - make_interval(days => 30 + g % 90), ${nowIso}::timestamptz
        from generate_series(${from}::int, ${to}::int) g
        returning id, created_at),
      creds as (insert into credentials (user_id, password_hash, updated_at) select id, ${hash}, created_at from created)
      insert into user_roles (user_id, role, granted_at) select id, 'member', created_at from created`);
    progress("members", to, size.users);
  }
  await db.execute(sql`drop table if exists bench_users`);
  await db.execute(sql`
    create table bench_users as
    select row_number() over (order by u.created_at, u.id)::int as n, u.id
    from users u where u.email like 'bench\\_%@bench.invalid' and u.handle <> ${BENCH_MEMBER.handle}`);
  await db.execute(sql`alter table bench_users add primary key (n)`);

  // Pictures: a few per category, rendered once and shared by every note of that category.
  const covers: { slug: string; uploadId: string }[] = [];
  const jobs = CATEGORY_VOCABULARY.flatMap((c) =>
    Array.from({ length: COVERS_PER_CATEGORY }, (_, i) => ({ slug: c.slug, svg: coverSvg(rng, c.slug, c.palettes[i % c.palettes.length]!) })),
  );
  const rendered = await mapLimit(jobs, 4, (job) => renderImage(job.svg, COVER_VARIANTS));
  await db.transaction(async (tx) => {
    for (const [i, job] of jobs.entries()) {
      const upload = await storeRenderedUpload(tx, options.storage, { ownerId: member.id, kind: "image", image: rendered[i]!, now });
      covers.push({ slug: job.slug, uploadId: upload.id });
    }
  });
  progress("pictures", jobs.length, jobs.length);

  // Readable note texts, a few hundred, each tied to its category and a cover of that category.
  await db.execute(sql`drop table if exists bench_texts`);
  await db.execute(sql`create table bench_texts (i int primary key, title text not null, body text not null, category_id uuid not null, cover uuid not null)`);
  const texts: SQL[] = [];
  for (const c of CATEGORY_VOCABULARY) {
    const ownCovers = covers.filter((x) => x.slug === c.slug);
    for (let k = 0; k < TEXTS_PER_CATEGORY; k++) {
      const note = generateNote(rng, c.slug, []);
      texts.push(sql`(${texts.length}, ${note.title}, ${note.body}, ${categoryId.get(c.slug)!}::uuid, ${ownCovers[k % ownCovers.length]!.uploadId}::uuid)`);
    }
  }
  await db.execute(sql`insert into bench_texts (i, title, body, category_id, cover) values ${sql.join(texts, sql`, `)}`);

  // Notes: newest first by g, spread over 60 days with jitter; authors skewed toward a core of creators.
  const NOTE_BATCH = 10_000;
  const spanS = 60 * DAY_S;
  for (let from = 1; from <= size.notes; from += NOTE_BATCH) {
    const to = Math.min(size.notes, from + NOTE_BATCH - 1);
    await db.execute(sql`
      with created as (
        insert into posts (author_id, status, title, body, category_id, media_kind, cover_upload_id,
                           published_at, created_at, updated_at)
        select bu.id, 'published', t.title, t.body, t.category_id, 'images', t.cover, ts, ts, ts
        from (
          select g,
                 ${nowIso}::timestamptz - make_interval(secs => (g - 1)::float8 * ${spanS / size.notes}::float8 + (hashint4(g) & 1023)) as ts,
                 1 + floor(${size.users}::float8 * power(${unit(sql`g`)}, 2))::int as author_n
          from generate_series(${from}::int, ${to}::int) g
        ) s
        join bench_users bu on bu.n = s.author_n
        join bench_texts t on t.i = s.g % ${texts.length}
        returning id, cover_upload_id)
      insert into post_media (post_id, position, upload_id) select id, 0, cover_upload_id from created`);
    progress("notes", to, size.notes);
  }
  await db.execute(sql`drop table if exists bench_posts`);
  await db.execute(sql`
    create table bench_posts as
    select row_number() over (order by p.published_at desc, p.id desc)::int as n, p.id
    from posts p join bench_users bu on bu.id = p.author_id`);
  await db.execute(sql`alter table bench_posts add primary key (n)`);
  const posts = size.notes;

  // Reactions with a long tail: the post index is skewed toward recent, popular notes (r^3). The like
  // targets of the likePost scenario (an older band) stay untouched by the bench member.
  const reactions = async (table: "likes" | "favorites", perUser: number, salt: number) => {
    const total = size.users * perUser;
    const BATCH = 50_000;
    for (let from = 0; from < total; from += BATCH) {
      const to = Math.min(total, from + BATCH) - 1;
      await db.execute(sql`
        insert into ${sql.raw(table)} (user_id, post_id, created_at)
        select bu.id, bp.id, ${nowIso}::timestamptz - make_interval(secs => (hashint4(g + ${sql.raw(String(salt))}) & 65535))
        from generate_series(${from}::int, ${to}::int) g
        join bench_users bu on bu.n = 1 + g % ${size.users}
        join bench_posts bp on bp.n = 1 + floor(${posts}::float8 * power(${unit(sql.raw(`g * 3 + ${salt}`))}, 3))::int
        on conflict do nothing`);
      progress(table, to + 1, total);
    }
  };
  await reactions("likes", size.likesPerUser, 17);
  await reactions("favorites", size.favoritesPerUser, 29);

  // Follows: everyone follows a few, mostly prolific authors (low n), never themselves.
  const followTotal = size.users * size.followsPerUser;
  for (let from = 0; from < followTotal; from += 50_000) {
    const to = Math.min(followTotal, from + 50_000) - 1;
    await db.execute(sql`
      insert into follows (follower_id, followee_id, created_at)
      select a.id, b.id, ${nowIso}::timestamptz - make_interval(days => 1 + (hashint4(g) & 63))
      from generate_series(${from}::int, ${to}::int) g
      join bench_users a on a.n = 1 + g % ${size.users}
      join bench_users b on b.n = 1 + floor(${size.users}::float8 * power(${unit(sql`g * 5 + 3`)}, 2))::int
      where a.id <> b.id
      on conflict do nothing`);
    progress("follows", to + 1, followTotal);
  }

  // The bench member: follows 200 of the busiest authors, likes recent notes, has interests.
  await db.execute(sql`
    insert into follows (follower_id, followee_id, created_at)
    select ${member.id}::uuid, id, ${nowIso}::timestamptz - interval '20 days' from bench_users where n <= 200`);
  await db.execute(sql`
    insert into likes (user_id, post_id, created_at)
    select ${member.id}::uuid, id, ${nowIso}::timestamptz - interval '1 day' from bench_posts where n % 50 = 1 and n <= least(5000, ${Math.floor(size.notes / 4)})
    on conflict do nothing`);
  await db.execute(sql`
    insert into user_interests (user_id, category_id, score, updated_at)
    select ${member.id}::uuid, id, case slug when 'beauty' then 8 when 'food' then 5 else 1 end, ${nowIso}::timestamptz
    from categories where slug in ('beauty', 'food', 'home')`);

  // A note with a conversation, for the note page scenario.
  const [note] = rowsOf<{ id: string; author_id: string }>(
    await db.execute(sql`select p.id, p.author_id from bench_posts bp join posts p on p.id = bp.id where bp.n = 10`),
  );
  await db.execute(sql`
    insert into comments (post_id, author_id, body, created_at, updated_at)
    select ${note!.id}::uuid, bu.id, '看起来好好用！已收藏，周末就去试试', ${nowIso}::timestamptz - make_interval(mins => g), ${nowIso}::timestamptz
    from generate_series(1, 40) g join bench_users bu on bu.n = 100 + g`);
  await db.execute(sql`
    insert into comments (post_id, author_id, parent_id, reply_to_user_id, body, created_at, updated_at)
    select c.post_id, ${note!.author_id}::uuid, c.id, c.author_id, '可以的，我身边朋友也在用', c.created_at + interval '1 minute', c.created_at
    from comments c where c.post_id = ${note!.id}::uuid and c.parent_id is null`);

  progress("counters", 0, 1);
  await db.execute(sql`
    update posts p set like_count = c.n from (select post_id, count(*)::int as n from likes group by post_id) c where p.id = c.post_id`);
  await db.execute(sql`
    update posts p set favorite_count = c.n from (select post_id, count(*)::int as n from favorites group by post_id) c where p.id = c.post_id`);
  await db.execute(sql`
    update posts p set comment_count = c.n from (select post_id, count(*)::int as n from comments group by post_id) c where p.id = c.post_id`);
  await db.execute(sql`
    update comments c set reply_count = r.n from (select parent_id, count(*)::int as n from comments where parent_id is not null group by parent_id) r
    where c.id = r.parent_id`);
  await db.execute(sql`
    insert into user_stats (user_id, follower_count, following_count, post_count, likes_received, favorites_received)
    select u.id,
      coalesce((select count(*) from follows f where f.followee_id = u.id), 0),
      coalesce((select count(*) from follows f where f.follower_id = u.id), 0),
      coalesce(pc.posts, 0), coalesce(pc.likes, 0), coalesce(pc.favs, 0)
    from users u
    left join (select author_id, count(*) as posts, sum(like_count) as likes, sum(favorite_count) as favs
               from posts where status = 'published' group by author_id) pc on pc.author_id = u.id
    on conflict (user_id) do update set follower_count = excluded.follower_count, following_count = excluded.following_count,
      post_count = excluded.post_count, likes_received = excluded.likes_received, favorites_received = excluded.favorites_received`);
  await recomputePostScores(db, now);
  await db.execute(sql`analyze`);
  progress("counters", 1, 1);

  // An older band of notes (the member's own likes are all among the newest 5,000).
  const bandTop = Math.floor(size.notes / 2);
  const bandSize = Math.min(LIKE_TARGETS, Math.floor(size.notes / 4));
  const likeTargets = rowsOf<{ id: string }>(
    await db.execute(sql`select id from bench_posts where n > ${bandTop - bandSize} and n <= ${bandTop} order by n`),
  ).map((r) => r.id);
  for (const table of ["bench_users", "bench_posts", "bench_texts"]) await db.execute(sql`drop table ${sql.raw(table)}`);

  // The deep cursor: walk the member's recommended feed to where page 1,000 begins, 45 notes a step
  // (cursors are keyed by position, not page size: 444 × 45 = 999 × 20). A smaller community gets the
  // deepest page it has.
  const deepPage = Math.min(DEEP_PAGE, Math.floor(size.notes / PAGE_SIZE) - 1);
  const STEP = 45;
  const skip = (deepPage - 1) * PAGE_SIZE;
  const viewer = member as CurrentUser;
  let cursor: string | undefined;
  for (let seen = 0; seen < skip; ) {
    const limit = Math.min(STEP, skip - seen);
    const page = await getFeed(ctx, { tab: "recommended", cursor, limit }, viewer);
    if (!page.nextCursor) throw new Error(`the recommended feed ended after ${seen + page.items.length} notes`);
    cursor = page.nextCursor;
    seen += limit;
    if (seen % (STEP * 20) === 0 || seen === skip) progress(`deep cursor (page ${deepPage})`, seen, skip);
  }

  const { token } = await createAccessToken(ctx, member.id, { name: "bench" });
  // Likers: 50 ordinary members, one token each.
  const likers = rowsOf<{ id: string }>(
    await db.execute(sql`select id from users where email like 'bench\\_%@bench.invalid' and handle <> ${BENCH_MEMBER.handle} order by id limit 50`),
  );
  const likerTokens: string[] = [];
  for (const liker of likers) likerTokens.push((await createAccessToken(ctx, liker.id, { name: "bench" })).token);
  // They liked ~20 notes each across 100k, so nearly every request in the scenario writes a new like.
  // A product with stock for any run, for createOrder.
  const [product] = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into products (title, price_cents, stock, commission_rate_bp, status, created_at, updated_at)
      values ('玻尿酸保湿精华 30ml（压测）', 12900, 100000000, 1000, 'active', ${nowIso}::timestamptz, ${nowIso}::timestamptz)
      returning id`),
  );
  // The member's link to it, for /d/<code>.
  const linkCode = newLinkCode();
  await db.execute(sql`
    insert into distribution_links (code, creator_id, target_type, product_id, created_at)
    values (${linkCode}, ${member.id}, 'product', ${product!.id}, ${nowIso}::timestamptz)`);
  return { memberToken: token, memberCookie: "", noteId: note!.id, deepCursor: cursor!, likeTargets, likerTokens, productId: product!.id, linkCode };
}
