/**
 * The gamification measurements of `npm run bench` (issue 4's last proof), run in the bench's own process
 * against the seeded bench database once the HTTP scenarios are done:
 *
 * 1. `dailyCheckIn` throughput as a ratio to "the same INSERTs issued raw through postgres.js": N distinct
 *    members check in once on one fixed day through the domain function (concurrency 10), then another N
 *    members get the very rows a first check-in writes — checkin, journal entry, cap usage, the member's
 *    two ledger accounts and balances, four postings, the platform issuance balances, point lot, level
 *    row, outbox event — as hand-written statements, one transaction per check-in, same concurrency.
 *    Target ≥ 0.25. PGlite has no postgres.js client: the raw side is skipped there.
 * 2. Outbox → points: E `content.post.liked` (+ some `content.comment.created`) events for distinct
 *    (note, liker) pairs are emitted with `emitEvent`, then drained by the real job runner with the points
 *    consumers only (`pointsConsumers`), by 1 runner and by several runners sharing the database (the
 *    runner is sequential — one delivery per transaction — and scales out by running more of them, as
 *    `npm run worker` processes do). Events/s from the first delivery to the last, and lag from the
 *    event's occurred_at to its delivery: once for a backlog, once at a steady offered rate with the
 *    runners polling. Target ≥ 2,000 events/s.
 *
 * Options (environment): BENCH_CHECKINS (default 2,000 per side), BENCH_OUTBOX_EVENTS (default 20,000 per
 * runner setting), BENCH_OUTBOX_RUNNERS (default "1,4"), BENCH_OUTBOX_RATE events/s offered in the lag run
 * (default: half the best backlog throughput), BENCH_OUTBOX_LAG_SECONDS (default 10).
 */
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type Database } from "../../db/client";
import { PLATFORM_OWNER_ID } from "../../db/schema";
import { mapLimit } from "../../db/seed/content";
import { loadConfig } from "../../server/config";
import { dailyCheckIn } from "../../server/gamification/checkin/daily-check-in";
import { pointsConsumers } from "../../server/gamification/points/consumers";
import { toCurrentUser, type CurrentUser } from "../../server/identity/current-user";
import { emitEvent } from "../../server/jobs/emit-event";
import { createJobRunner } from "../../server/jobs/runner";
import { checkLedgerInvariants } from "../../server/ledger";
import { FixedClock, localDate, systemClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";

const CONCURRENCY = 10;
const CHECKINS = Number(process.env.BENCH_CHECKINS ?? 2_000);
const OUTBOX_EVENTS = Number(process.env.BENCH_OUTBOX_EVENTS ?? 20_000);
const RUNNER_COUNTS = (process.env.BENCH_OUTBOX_RUNNERS ?? "1,4").split(",").map(Number).filter((n) => n > 0);
/** 0: half the best backlog throughput, so the lag run measures a queue that keeps up rather than one that grows. */
const LAG_RATE = Number(process.env.BENCH_OUTBOX_RATE ?? 0);
const LAG_SECONDS = Number(process.env.BENCH_OUTBOX_LAG_SECONDS ?? 10);
const COMMENT_SHARE = 0.1;
const POINTS_CONSUMER = "gamification.pointsForContent";

export interface CheckInMeasurement {
  checkIns: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
}

export interface OutboxMeasurement {
  runners: number;
  events: number;
  delivered: number;
  /** Events/s from the first delivery to the last. */
  perSecond: number;
  /** occurred_at → delivery, ms. */
  lagP50: number;
  lagP95: number;
  lagMax: number;
  /** Journal entries the deliveries wrote, and how many of them moved points (the rest were capped). */
  entries: number;
  paid: number;
}

export interface GamificationResults {
  dailyCheckIn: {
    domain: CheckInMeasurement;
    raw: (CheckInMeasurement & { statements: number; rowsPerCheckIn: number; rowsPerSecond: number }) | null;
    /** domain check-ins/s ÷ raw check-ins/s; target ≥ 0.25. */
    ratio: number | null;
    target: number;
    note?: string;
  };
  outbox: {
    consumers: string[];
    backlog: OutboxMeasurement[];
    steady: (OutboxMeasurement & { offeredPerSecond: number }) | null;
    target: number;
  };
  ledgerInvariants: { ok: boolean; unbalancedEntries: number; drift: number };
}

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function log(message: string) {
  process.stderr.write(`  ${message}\n`);
}

/** Runs `work` over `items`, `limit` at a time; returns each call's latency in ms and the wall time. */
async function timed<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<CheckInMeasurement> {
  const latencies: number[] = [];
  const started = performance.now();
  await mapLimit(items, limit, async (item) => {
    const t = performance.now();
    await work(item);
    latencies.push(performance.now() - t);
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    checkIns: items.length,
    seconds: round(seconds),
    perSecond: Math.round(items.length / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
  };
}

export async function runGamificationBench(options: { databaseUrl?: string; pgliteDir?: string }): Promise<GamificationResults> {
  const { databaseUrl } = options;
  const handle = await openDatabase(
    databaseUrl ? { kind: "postgres", url: databaseUrl, poolSize: CONCURRENCY + 2 } : { kind: "pglite", dir: options.pgliteDir! },
  );
  const raw = databaseUrl ? postgres(databaseUrl, { max: CONCURRENCY, onnotice: () => {} }) : null;
  try {
    const db = handle.db;
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "warn", SEED_DEMO: "0", RUN_JOBS: "0" });
    const members = rowsOf<{ id: string; handle: string; email: string; display_name: string; created_at: string | Date }>(
      await db.execute(sql`
        select u.id, u.handle, u.email, u.display_name, u.created_at from users u
        where u.email like 'bench\\_%@bench.invalid' and u.handle <> 'bench_member'
          and not exists (select 1 from checkins c where c.user_id = u.id)
          -- Untouched members only: the raw side writes a first check-in's rows (new accounts, today's
          -- caps), which members paid by the HTTP scenarios' likes already have.
          and not exists (select 1 from ledger_accounts a where a.owner_type = 'user' and a.owner_id = u.id)
        order by u.handle limit ${2 * CHECKINS + 100}`),
    ).map((r) =>
      toCurrentUser(
        { id: r.id, handle: r.handle, email: r.email, displayName: r.display_name, bio: "", locale: "zh-CN", createdAt: new Date(r.created_at) },
        ["member"],
      ),
    );
    if (members.length < 2 * CHECKINS + 100) throw new Error(`the bench community has ${members.length} members without check-ins; need ${2 * CHECKINS + 100}`);

    const dailyCheckInResult = await measureCheckIns(db, raw, config, members);
    const outbox = await measureOutbox(db, config);
    const report = await checkLedgerInvariants(db);
    return {
      dailyCheckIn: dailyCheckInResult,
      outbox,
      ledgerInvariants: { ok: report.ok, unbalancedEntries: report.unbalancedEntries.length, drift: report.drift.length },
    };
  } finally {
    await raw?.end({ timeout: 5 });
    await handle.close();
  }
}

// ─── 1. dailyCheckIn vs raw INSERTs ───────────────────────────────────────────────────────────────────

async function measureCheckIns(
  db: Database,
  raw: postgres.Sql | null,
  config: ReturnType<typeof loadConfig>,
  members: CurrentUser[],
): Promise<GamificationResults["dailyCheckIn"]> {
  // One fixed instant: every check-in lands on the same platform-local day.
  const clock = new FixedClock(new Date());
  const ctx = { db, clock, config };
  const day = localDate(clock.now(), config.platformTimeZone);
  const warm = members.slice(0, 50);
  const domainMembers = members.slice(100, 100 + CHECKINS);
  const rawMembers = members.slice(100 + CHECKINS, 100 + 2 * CHECKINS);

  // Warm-up (unmeasured): prepared statements, the platform's issuance accounts, caches.
  await mapLimit(warm, CONCURRENCY, (m) => dailyCheckIn(ctx, m));
  log(`dailyCheckIn: ${domainMembers.length} members, concurrency ${CONCURRENCY}, day ${day}`);
  const domain = await timed(domainMembers, CONCURRENCY, async (m) => {
    const r = await dailyCheckIn(ctx, m);
    if (r.alreadyCheckedIn || r.points <= 0) throw new Error(`dailyCheckIn for ${m.handle} earned nothing`);
  });
  log(`  ${domain.perSecond} check-ins/s (p50 ${domain.p50} ms, p95 ${domain.p95} ms)`);

  if (!raw) {
    const note = "PGlite: no postgres.js client, so the raw side is skipped (set BENCH_DATABASE_URL).";
    log(note);
    return { domain, raw: null, ratio: null, target: 0.25, note };
  }

  // What one first check-in writes (read from daily-check-in.ts → awardPoints → claimEntry/addPostings/
  // openPointLot/syncLevel → emitEvent), as plain statements: no reads of rules, levels or settings, no
  // advisory lock, amounts known in advance. The platform issuance balances are updated exactly as the
  // domain does, so both sides queue on the same two hot rows.
  const [rule] = rowsOf<{ id: string; points: number; growth: number }>(await db.execute(sql`select id, points, growth from point_rules where key = 'checkin'`));
  const platform = new Map(
    rowsOf<{ id: string; asset: string }>(
      await db.execute(sql`
        select id, asset from ledger_accounts
        where owner_type = 'platform' and owner_id = ${PLATFORM_OWNER_ID} and kind = 'issuance' and asset in ('points', 'growth')`),
    ).map((r) => [r.asset, r.id]),
  );
  const points = rule!.points;
  const growth = rule!.growth;
  const now = clock.now();
  const nowIso = now.toISOString();
  const STATEMENTS = 11;
  const ROWS = 1 + 1 + 2 + 2 + 2 + 4 + 2 + 1 + 1 + 1; // checkin, entry, caps, accounts, balances, postings, platform balances, lot, level, event
  const rawCheckIn = (userId: string) =>
    raw.begin(async (tx) => {
      const [checkin] = await tx`
        insert into checkins (user_id, local_date, streak, made_up, created_at)
        values (${userId}, ${day}::date,
          coalesce((select streak from checkins where user_id = ${userId} and local_date = ${day}::date - 1), 0) + 1,
          false, ${nowIso}::timestamptz)
        on conflict (user_id, local_date) do nothing
        returning streak`;
      const streak = Number(checkin!.streak);
      const memo = { localDate: day, streak };
      const [entry] = await tx`
        insert into journal_entries (idempotency_key, reason, user_id, rule_id, memo, occurred_at, created_at)
        values (${`points:checkin:${userId}:${day}`}, 'rule:checkin', ${userId}, ${rule!.id}, ${tx.json(memo)}, ${nowIso}, ${nowIso})
        on conflict (idempotency_key) do nothing returning id`;
      await tx`
        insert into point_cap_usage (user_id, local_date, rule_key, times, points)
        values (${userId}, ${day}::date, 'checkin', 1, 0), (${userId}, ${day}::date, '*', 1, ${points})`;
      const accounts = await tx<{ id: string; asset: string }[]>`
        insert into ledger_accounts (owner_type, owner_id, asset, kind, non_negative, created_at)
        values ('user', ${userId}, 'points', 'available', true, ${nowIso}), ('user', ${userId}, 'growth', 'available', true, ${nowIso})
        returning id, asset`;
      const own = new Map(accounts.map((a) => [a.asset, a.id]));
      await tx`
        insert into account_balances (account_id, balance, non_negative, updated_at)
        values (${own.get("points")!}, ${points}, true, ${nowIso}), (${own.get("growth")!}, ${growth}, true, ${nowIso})`;
      await tx`
        insert into postings (entry_id, account_id, asset, amount) values
          (${entry!.id}, ${own.get("points")!}, 'points', ${points}), (${entry!.id}, ${platform.get("points")!}, 'points', ${-points}),
          (${entry!.id}, ${own.get("growth")!}, 'growth', ${growth}), (${entry!.id}, ${platform.get("growth")!}, 'growth', ${-growth})`;
      await tx`update account_balances set balance = balance - ${growth}, updated_at = ${nowIso} where account_id = ${platform.get("growth")!}`;
      await tx`update account_balances set balance = balance - ${points}, updated_at = ${nowIso} where account_id = ${platform.get("points")!}`;
      await tx`
        insert into point_lots (user_id, entry_id, amount, remaining, earned_at)
        values (${userId}, ${entry!.id}, ${points}, ${points}, ${nowIso})`;
      await tx`insert into user_levels (user_id, level, reached_at) values (${userId}, 1, ${nowIso}) on conflict (user_id) do nothing`;
      await tx`
        insert into outbox_events (type, payload, occurred_at)
        values ('gamification.checkin.recorded', ${tx.json({ userId, localDate: day, streak, madeUp: false })}, ${nowIso})`;
    });

  await mapLimit(members.slice(50, 100), CONCURRENCY, (m) => rawCheckIn(m.id));
  log(`raw INSERTs through postgres.js: ${rawMembers.length} members, ${STATEMENTS} statements / ${ROWS} rows each, concurrency ${CONCURRENCY}`);
  const rawM = await timed(rawMembers, CONCURRENCY, (m) => rawCheckIn(m.id));
  const ratio = round(domain.perSecond / rawM.perSecond);
  log(`  ${rawM.perSecond} check-ins/s = ${rawM.perSecond * ROWS} rows/s (p50 ${rawM.p50} ms, p95 ${rawM.p95} ms); ratio ${ratio} (target ≥ 0.25)`);
  return {
    domain,
    raw: { ...rawM, statements: STATEMENTS, rowsPerCheckIn: ROWS, rowsPerSecond: rawM.perSecond * ROWS },
    ratio,
    target: 0.25,
  };
}

// ─── 2. Outbox → points ───────────────────────────────────────────────────────────────────────────────

interface LikeTarget {
  postId: string;
  authorId: string;
}

/** Distinct (note, liker) pairs spread over as many authors as possible, so few awards hit a daily cap. */
function* likePairs(targets: LikeTarget[], likers: string[]): Generator<{ postId: string; authorId: string; userId: string }> {
  for (let round = 0; ; round++) {
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i]!;
      const liker = likers[(i * 7 + round * 131 + 1) % likers.length]!;
      if (liker === t.authorId) continue;
      yield { ...t, userId: liker };
    }
  }
}

async function measureOutbox(db: Database, config: ReturnType<typeof loadConfig>): Promise<GamificationResults["outbox"]> {
  const logger = createLogger({ level: "warn" });
  const newRunner = () =>
    createJobRunner({ db, logger, clock: systemClock, consumers: pointsConsumers, context: { config, realtime: { toUser() {}, toRoom() {}, disconnectUser() {} } } });

  // Whatever the seed and the check-ins left in the outbox is fanned out first, so only our events are timed.
  await newRunner().drain();
  // The seed analysed the ledger's tables while they were empty; with those statistics PostgreSQL plans
  // the foreign-key checks of every posting as sequential scans, which grow slower with every award.
  // A live database has autovacuum's statistics, so measure with real ones.
  await db.execute(sql`analyze ledger_accounts, account_balances, journal_entries, postings, point_lots, point_cap_usage, user_levels`);

  // One note per author (the newest), many authors: like.received caps at 50 a day per member.
  const targets = rowsOf<{ id: string; author_id: string }>(
    await db.execute(sql`select distinct on (author_id) id, author_id from posts where status = 'published' order by author_id, published_at desc`),
  ).map((r) => ({ postId: r.id, authorId: r.author_id }));
  const likers = rowsOf<{ id: string }>(await db.execute(sql`select id from users where email like 'bench\\_%@bench.invalid' order by id`)).map((r) => r.id);
  const pairs = likePairs(targets, likers);
  const seen = new Set<string>();
  const nextEvent = (i: number) => {
    if (i % Math.round(1 / COMMENT_SHARE) === 0) {
      const t = targets[i % targets.length]!;
      const userId = likers[(i * 13 + 7) % likers.length]!;
      return {
        type: "content.comment.created",
        payload: {
          commentId: crypto.randomUUID(),
          postId: t.postId,
          userId,
          postAuthorId: t.authorId,
          parentId: null,
          parentAuthorId: null,
          replyToUserId: null,
          mentionedUserIds: [],
          excerpt: "看起来好好用",
        },
      };
    }
    for (;;) {
      const p = pairs.next().value!;
      const key = `${p.postId}:${p.userId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      return { type: "content.post.liked", payload: { postId: p.postId, userId: p.userId, authorId: p.authorId, categoryId: null } };
    }
  };
  let emitted = 0;
  /** Emits `count` events in transactions of up to 500, stamped with the real time of their transaction. */
  const emit = async (count: number): Promise<{ first: number; last: number }> => {
    let first = 0;
    let last = 0;
    for (let done = 0; done < count; ) {
      const n = Math.min(500, count - done);
      await db.transaction(async (tx) => {
        const occurredAt = new Date();
        for (let k = 0; k < n; k++) {
          const id = await emitEvent(tx, { ...nextEvent(emitted++), occurredAt });
          if (!first) first = id;
          last = id;
        }
      });
      done += n;
    }
    return { first, last };
  };

  const backlog: OutboxMeasurement[] = [];
  for (const runners of RUNNER_COUNTS) {
    log(`outbox: emitting ${OUTBOX_EVENTS} events (${Math.round(COMMENT_SHARE * 100)}% comments, the rest likes)`);
    const range = await emit(OUTBOX_EVENTS);
    // Each setting starts from the same state: without this the second one claims through the index
    // entries of the first one's 20,000 delivered rows until autovacuum gets to them (~2 ms a claim).
    await db.execute(sql`vacuum analyze outbox_deliveries, outbox_events`);
    log(`outbox: draining with ${runners} runner${runners > 1 ? "s" : ""} (points consumers only)`);
    const started = performance.now();
    await Promise.all(Array.from({ length: runners }, () => newRunner().drain()));
    const wall = (performance.now() - started) / 1000;
    // Throughput over the wall time of the whole drain (fan-out included), not the span of delivered_at
    // stamps: a batch stamps its deliveries when it claims them, so that span would leave out the last one.
    const m = { ...(await outboxStats(db, range, runners)) };
    m.perSecond = Math.round(m.delivered / wall);
    backlog.push(m);
    log(`  ${m.delivered} delivered in ${round(wall)} s: ${m.perSecond} events/s; lag p50 ${m.lagP50} ms, p95 ${m.lagP95} ms (a backlog); ${m.paid}/${m.entries} awards paid`);
  }

  // Steady state: the runners poll (as in production) while events arrive at a fixed rate.
  let steady: GamificationResults["outbox"]["steady"] = null;
  const best = backlog.reduce((a, b) => (b.perSecond > a.perSecond ? b : a), backlog[0]!);
  const rate = LAG_RATE > 0 ? LAG_RATE : Math.max(10, Math.round(best.perSecond / 2));
  if (LAG_SECONDS > 0) {
    const runners = best.runners;
    log(`outbox: ${rate} events/s offered for ${LAG_SECONDS} s, ${runners} polling runner${runners > 1 ? "s" : ""}`);
    const pool = Array.from({ length: runners }, () => newRunner());
    for (const r of pool) r.start();
    let first = 0;
    let last = 0;
    const tickMs = 100;
    const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
    const started = performance.now();
    for (let tick = 0; performance.now() - started < LAG_SECONDS * 1000; tick++) {
      const r = await emit(perTick);
      if (!first) first = r.first;
      last = r.last;
      const wait = started + (tick + 1) * tickMs - performance.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    }
    const offered = Math.round((last - first + 1) / ((performance.now() - started) / 1000));
    // Let the runners catch up, then stop them.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const [row] = rowsOf<{ n: number }>(
        await db.execute(sql`
          select count(*)::int as n from outbox_events e
          where e.id between ${first} and ${last} and e.type in ('content.post.liked', 'content.comment.created')
            and not exists (select 1 from outbox_deliveries d where d.event_id = e.id and d.consumer = ${POINTS_CONSUMER} and d.status = 'delivered')`),
      );
      if (Number(row!.n) === 0) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    await Promise.all(pool.map((r) => r.stop()));
    const m = await outboxStats(db, { first, last }, runners);
    steady = { ...m, offeredPerSecond: offered };
    log(`  offered ${offered} events/s: lag p50 ${m.lagP50} ms, p95 ${m.lagP95} ms, max ${m.lagMax} ms`);
  }

  return { consumers: pointsConsumers.map((c) => c.name), backlog, steady, target: 2_000 };
}

async function outboxStats(db: Database, range: { first: number; last: number }, runners: number): Promise<OutboxMeasurement> {
  const rows = rowsOf<{ lag: number; delivered: number }>(
    await db.execute(sql`
      select extract(epoch from d.delivered_at - e.occurred_at) * 1000 as lag, extract(epoch from d.delivered_at) * 1000 as delivered
      from outbox_deliveries d join outbox_events e on e.id = d.event_id
      where d.consumer = ${POINTS_CONSUMER} and d.status = 'delivered' and d.event_id between ${range.first} and ${range.last}`),
  );
  const [entries] = rowsOf<{ entries: number; paid: number }>(
    await db.execute(sql`
      select count(*)::int as entries, count(*) filter (where exists (select 1 from postings p where p.entry_id = j.id))::int as paid
      from journal_entries j where j.source_event_id between ${range.first} and ${range.last}`),
  );
  const lags = rows.map((r) => Number(r.lag)).sort((a, b) => a - b);
  const times = rows.map((r) => Number(r.delivered));
  const span = times.length > 1 ? (Math.max(...times) - Math.min(...times)) / 1000 : NaN;
  return {
    runners,
    events: range.last - range.first + 1,
    delivered: rows.length,
    perSecond: Math.round(rows.length / span),
    lagP50: Math.round(percentile(lags, 50)),
    lagP95: Math.round(percentile(lags, 95)),
    lagMax: Math.round(lags[lags.length - 1] ?? NaN),
    entries: Number(entries?.entries ?? 0),
    paid: Number(entries?.paid ?? 0),
  };
}

/** The lines the bench prints at the end. */
export function describeGamification(r: GamificationResults): string[] {
  const lines: string[] = [];
  const c = r.dailyCheckIn;
  lines.push(`dailyCheckIn (domain, concurrency ${CONCURRENCY}): ${c.domain.perSecond} check-ins/s, p50 ${c.domain.p50} ms, p95 ${c.domain.p95} ms`);
  if (c.raw) {
    lines.push(
      `same INSERTs raw (postgres.js, ${c.raw.statements} statements, ${c.raw.rowsPerCheckIn} rows per check-in): ${c.raw.perSecond} check-ins/s = ${c.raw.rowsPerSecond} rows/s, p50 ${c.raw.p50} ms, p95 ${c.raw.p95} ms`,
    );
    lines.push(`dailyCheckIn ÷ raw: ${c.ratio} (target ≥ ${c.target}) ${c.ratio! >= c.target ? "✓" : "✗"}`);
  } else if (c.note) lines.push(c.note);
  for (const m of r.outbox.backlog) {
    lines.push(
      `outbox → points, ${m.runners} runner${m.runners > 1 ? "s" : ""}, backlog of ${m.events}: ${m.perSecond} events/s (target ≥ ${r.outbox.target}) ${m.perSecond >= r.outbox.target ? "✓" : "✗"}; lag p50 ${m.lagP50} ms, p95 ${m.lagP95} ms; ${m.paid}/${m.entries} awards paid`,
    );
  }
  if (r.outbox.steady) {
    const s = r.outbox.steady;
    lines.push(
      `outbox → points, ${s.runners} polling runner${s.runners > 1 ? "s" : ""}, ${s.offeredPerSecond} events/s offered: ${s.delivered}/${s.events} delivered, lag p50 ${s.lagP50} ms, p95 ${s.lagP95} ms, max ${s.lagMax} ms`,
    );
  }
  lines.push(`ledger invariants after the run: ${r.ledgerInvariants.ok ? "ok" : `FAILED (${r.ledgerInvariants.unbalancedEntries} unbalanced, ${r.ledgerInvariants.drift} drifted)`}`);
  return lines;
}
