import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { pointRules } from "../../../db/schema";
import { accountKey, addPostingsMany, claimEntries, openPointLots, platformAccount, userAccount, type PointLotInput, type PostingInput } from "../../ledger";
import { membershipPointsMultipliers } from "../../commerce/membership/active-membership-at";
import { localDate } from "../../shared/clock";
import { rowsOf } from "../../shared/sql-rows";
import { levelForGrowth, listLevels, moveToLevelFor, type LevelDefinition } from "./levels";
import { expiresAtFor, readPointsPolicy } from "./policy";

export interface AwardInput {
  userId: string;
  /** The rule that prices the activity (point_rules.key), e.g. `checkin`, `like.received`. */
  ruleKey: string;
  /** `points:<source>` — one award per key, ever (DOMAIN.md idempotency keys). */
  idempotencyKey: string;
  occurredAt: Date;
  now: Date;
  /** The platform time zone: which day's caps the award counts against. */
  timeZone: string;
  sourceEventId?: number | null;
  /** For rules priced per unit (purchase: per ¥1), how many units; 1 otherwise. */
  units?: number;
  /** Facts the member's ledger shows (postId, challengeId …). */
  memo?: Record<string, unknown>;
  /** Purchase points wait in `pending` until the order confirms (see confirmPendingPoints in the distribution issue). */
  pending?: boolean;
}

export type AwardOutcome = "awarded" | "duplicate" | "disabled" | "unknownRule" | "capped";

export interface AwardResult {
  outcome: AwardOutcome;
  points: number;
  growth: number;
  entryId: string | null;
  levelChange: { from: number; to: number } | null;
}

const none = (outcome: AwardOutcome, entryId: string | null = null): AwardResult => ({ outcome, points: 0, growth: 0, entryId, levelChange: null });

/**
 * Pays one rule to one member, exactly once per idempotency key, within the rule's per-day count cap and
 * the member's global daily points cap (raised by their level), multiplied by their level's multiplier
 * and by the points multiplier of the membership they had when the activity happened.
 * The same as awardPointsBatch with one award.
 */
export async function awardPoints(tx: Queryable, input: AwardInput): Promise<AwardResult> {
  return (await awardPointsBatch(tx, [input]))[0]!;
}

interface Candidate {
  index: number;
  input: AwardInput;
  rule: typeof pointRules.$inferSelect;
  entryId: string;
  day: string;
}

/** A member's level state while a batch is priced: it follows their growth from award to award. */
interface MemberState {
  recordedLevel: number | null;
  level: LevelDefinition | null;
  growth: number;
}

/**
 * Pays many awards in one transaction with a fixed number of statements, answering in the inputs' order
 * exactly as if awardPoints had been called for each in turn — the outbox consumer hands it a whole
 * batch of activity events.
 *
 * Order matters for exactness: the journal entries claim their keys first, so a replay or a concurrent
 * twin stops before touching any cap. The cap rows of every member and day involved are then locked
 * (a member's rule rows before their '*' row, as a single award takes them), the awards are priced in
 * memory in input order — rule caps, level multiplier, the global cap, and a level that changes part-way
 * through the batch — and the caps are written back. Finally the postings move points and growth out of
 * the platform's issuance accounts (their rows once per batch, not once per award), FIFO lots record the
 * points for expiry, and levels follow the growth balances the postings left. A capped award still leaves
 * its (posting-less) entry, so the member's ledger can say why it paid nothing.
 */
export async function awardPointsBatch(tx: Queryable, inputs: readonly AwardInput[]): Promise<AwardResult[]> {
  const results: AwardResult[] = inputs.map(() => none("unknownRule"));
  if (inputs.length === 0) return results;
  const ruleKeys = [...new Set(inputs.map((i) => i.ruleKey))];
  const rules = new Map((await tx.select().from(pointRules).where(inArray(pointRules.key, ruleKeys))).map((r) => [r.key, r]));

  const payable: { index: number; input: AwardInput; rule: typeof pointRules.$inferSelect }[] = [];
  inputs.forEach((input, index) => {
    const rule = rules.get(input.ruleKey);
    if (!rule) return;
    if (!rule.enabled) results[index] = none("disabled");
    else payable.push({ index, input, rule });
  });
  if (payable.length === 0) return results;

  const claims = await claimEntries(
    tx,
    payable.map(({ input, rule }) => ({
      idempotencyKey: input.idempotencyKey,
      reason: `rule:${rule.key}`,
      userId: input.userId,
      ruleId: rule.id,
      sourceEventId: input.sourceEventId ?? null,
      memo: input.memo ?? {},
      occurredAt: input.occurredAt,
      now: input.now,
    })),
  );
  const candidates: Candidate[] = [];
  payable.forEach((p, i) => {
    const claim = claims[i]!;
    if (!claim.created) results[p.index] = none("duplicate", claim.entryId);
    else candidates.push({ ...p, entryId: claim.entryId, day: localDate(p.input.occurredAt, p.input.timeZone) });
  });
  if (candidates.length === 0) return results;

  const [caps, table, members, policy, membershipBp] = await Promise.all([
    lockCapUsage(tx, candidates),
    listLevels(tx),
    memberStates(tx, [...new Set(candidates.map((c) => c.input.userId))]),
    readPointsPolicy(tx),
    membershipPointsMultipliers(
      tx,
      candidates.map((c) => ({ userId: c.input.userId, at: c.input.occurredAt })),
    ),
  ]);
  for (const m of members.values()) m.level = table.find((l) => l.level === m.recordedLevel) ?? null;
  // Like currentLevelOf: a member with no (or an unknown) recorded level has V1's perks.
  const levelOf = (m: MemberState) => m.level ?? table.find((l) => l.level === 1) ?? DEFAULT_LEVEL;

  const credits: { entryId: string; lines: PostingInput[] }[] = [];
  const lots: PointLotInput[] = [];
  /** Per member whose growth moved: the last entry that moved it, and each level it crossed on the way. */
  const grown = new Map<string, { entryId: string; index: number; now: Date; crossings: { growth: number; entryId: string; index: number; now: Date }[] }>();
  for (const [n, c] of candidates.entries()) {
    const { input, rule } = c;
    if (rule.dailyCap !== null) {
      const usage = caps.get(capKey(input.userId, c.day, rule.key))!;
      if (usage.times >= rule.dailyCap) {
        results[c.index] = none("capped", c.entryId);
        continue;
      }
      usage.times++;
      usage.dirty = true;
    }

    const member = members.get(input.userId)!;
    const level = levelOf(member);
    const units = Math.max(1, Math.floor(input.units ?? 1));
    // Integer points: the level's multiplier and the membership's running when the activity happened
    // apply to the rule's amount, rounded half up.
    const wanted = Math.floor((rule.points * units * level.multiplierBp * membershipBp[n]! + 50_000_000) / 100_000_000);
    const growth = rule.growth * units;
    let points = 0;
    if (wanted > 0) {
      const usage = caps.get(capKey(input.userId, c.day, GLOBAL_CAP))!;
      const cap = policy.globalDailyCap + level.dailyCapBonus;
      points = Math.min(wanted, Math.max(cap - usage.points, 0));
      usage.points += points;
      usage.times++;
      usage.dirty = true;
    }
    if (points === 0 && growth === 0) {
      results[c.index] = none("capped", c.entryId);
      continue;
    }

    const bucket = input.pending ? "pending" : "available";
    const lines: PostingInput[] = [];
    if (points > 0) {
      lines.push({ account: userAccount(input.userId, "points", bucket), amount: points });
      lines.push({ account: platformAccount("points", "issuance"), amount: -points });
      if (!input.pending) {
        lots.push({ userId: input.userId, entryId: c.entryId, amount: points, earnedAt: input.occurredAt, expiresAt: expiresAtFor(input.occurredAt, policy.expiry, input.timeZone) });
      }
    }
    if (growth > 0) {
      lines.push({ account: userAccount(input.userId, "growth", bucket), amount: growth });
      lines.push({ account: platformAccount("growth", "issuance"), amount: -growth });
      if (!input.pending) {
        // Later awards in this batch are priced at the level this growth reaches, as they would be one by one.
        const before = levelOf(member).level;
        member.growth += growth;
        member.level = table.find((l) => l.level === levelForGrowth(table, member.growth)) ?? member.level;
        const crossings = grown.get(input.userId)?.crossings ?? [];
        if (levelOf(member).level !== before) crossings.push({ growth: member.growth, entryId: c.entryId, index: c.index, now: input.now });
        grown.set(input.userId, { entryId: c.entryId, index: c.index, now: input.now, crossings });
      }
    }
    credits.push({ entryId: c.entryId, lines });
    results[c.index] = { outcome: "awarded", points, growth, entryId: c.entryId, levelChange: null };
  }

  await writeCapUsage(tx, caps);
  const now = inputs.reduce((latest, i) => (i.now > latest ? i.now : latest), inputs[0]!.now);
  const balances = await addPostingsMany(tx, credits, now);
  await openPointLots(tx, lots);
  // A member's first growth gives them a level row (V1) — all of the batch's newcomers in one statement.
  const newcomers = [...grown.keys()].filter((userId) => members.get(userId)!.recordedLevel === null).sort();
  if (newcomers.length > 0) {
    await tx.execute(sql`
      insert into user_levels (user_id, level, reached_at)
      select r.user_id, 1, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(newcomers.map((user_id) => ({ user_id })))}::jsonb) as r(user_id uuid)
      order by r.user_id
      on conflict (user_id) do nothing`);
  }
  // Each level crossed is recorded by the award that crossed it, as one-by-one awards would (V1 → V2,
  // then V2 → V3). Members sorted, so two batches lock level rows in the same order.
  for (const userId of [...grown.keys()].sort()) {
    const last = grown.get(userId)!;
    for (const crossing of last.crossings) {
      const change = await moveToLevelFor(tx, { userId, growth: crossing.growth, table, entryId: crossing.entryId, now: crossing.now });
      if (change) results[crossing.index] = { ...results[crossing.index]!, levelChange: change };
    }
    // Then the level follows the growth balance the postings left (read under its row lock): a
    // concurrent award elsewhere may have moved it further.
    const growth = balances.get(accountKey(userAccount(userId, "growth"))) ?? members.get(userId)!.growth;
    if (levelForGrowth(table, growth) === levelOf(members.get(userId)!).level) continue;
    const change = await moveToLevelFor(tx, { userId, growth, table, entryId: last.entryId, now: last.now });
    if (change) results[last.index] = { ...results[last.index]!, levelChange: change };
  }
  return results;
}

const DEFAULT_LEVEL: LevelDefinition = { level: 1, nameZh: "", nameEn: "", minGrowth: 0, dailyCapBonus: 0, multiplierBp: 10_000, perksZh: "", perksEn: "" };
/** The cap row that counts a member's points from every rule in a day. */
const GLOBAL_CAP = "*";
const capKey = (userId: string, day: string, ruleKey: string) => `${userId}|${day}|${ruleKey}`;

interface CapUsage {
  userId: string;
  day: string;
  ruleKey: string;
  times: number;
  points: number;
  dirty: boolean;
}

/**
 * Creates (at zero) and locks every cap row the candidates could use: each rule with a daily cap, and the
 * global row of anyone whose rule pays points. Rows are taken per member and day with the rule rows
 * before the '*' row — the order a single award takes them — so a batch and a single award never deadlock.
 */
async function lockCapUsage(tx: Queryable, candidates: readonly Candidate[]): Promise<Map<string, CapUsage>> {
  const wanted = new Map<string, { user_id: string; local_date: string; rule_key: string }>();
  for (const c of candidates) {
    const userId = c.input.userId;
    if (c.rule.dailyCap !== null) wanted.set(capKey(userId, c.day, c.rule.key), { user_id: userId, local_date: c.day, rule_key: c.rule.key });
    if (c.rule.points > 0) wanted.set(capKey(userId, c.day, GLOBAL_CAP), { user_id: userId, local_date: c.day, rule_key: GLOBAL_CAP });
  }
  const rows = [...wanted.values()].sort(
    (a, b) =>
      compare(a.user_id, b.user_id) ||
      compare(a.local_date, b.local_date) ||
      Number(a.rule_key === GLOBAL_CAP) - Number(b.rule_key === GLOBAL_CAP) ||
      compare(a.rule_key, b.rule_key),
  );
  const usage = new Map<string, CapUsage>();
  if (rows.length === 0) return usage;
  // The no-op update makes the upsert lock an existing row and return it; INSERT … SELECT … ORDER BY
  // takes the locks in that order.
  const locked = rowsOf<{ user_id: string; local_date: string; rule_key: string; times: number; points: number }>(
    await tx.execute(sql`
      insert into point_cap_usage (user_id, local_date, rule_key, times, points)
      select r.user_id, r.local_date, r.rule_key, 0, 0
      from jsonb_to_recordset(${JSON.stringify(rows.map((r, ord) => ({ ...r, ord })))}::jsonb) as r(ord int, user_id uuid, local_date date, rule_key text)
      order by r.ord
      on conflict (user_id, local_date, rule_key) do update set times = point_cap_usage.times
      returning user_id, to_char(local_date, 'YYYY-MM-DD') as local_date, rule_key, times, points`),
  );
  for (const r of locked) {
    usage.set(capKey(r.user_id, r.local_date, r.rule_key), {
      userId: r.user_id,
      day: r.local_date,
      ruleKey: r.rule_key,
      times: Number(r.times),
      points: Number(r.points),
      dirty: false,
    });
  }
  return usage;
}

/** Writes back the cap rows the batch used (they are still locked by lockCapUsage). */
async function writeCapUsage(tx: Queryable, usage: Map<string, CapUsage>): Promise<void> {
  const rows = [...usage.values()].filter((u) => u.dirty).map((u) => ({ user_id: u.userId, local_date: u.day, rule_key: u.ruleKey, times: u.times, points: u.points }));
  if (rows.length === 0) return;
  await tx.execute(sql`
    update point_cap_usage u set times = r.times, points = r.points
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(user_id uuid, local_date date, rule_key text, times int, points int)
    where u.user_id = r.user_id and u.local_date = r.local_date and u.rule_key = r.rule_key`);
}

/** Each member's recorded level (null before their first growth) and growth balance, in one statement. */
async function memberStates(tx: Queryable, userIds: string[]): Promise<Map<string, MemberState>> {
  const rows = rowsOf<{ user_id: string; level: number | null; growth: number | string | null }>(
    await tx.execute(sql`
      select r.user_id, ul.level, b.balance as growth
      from jsonb_to_recordset(${JSON.stringify(userIds.map((user_id) => ({ user_id })))}::jsonb) as r(user_id uuid)
      left join user_levels ul on ul.user_id = r.user_id
      left join ledger_accounts a on a.owner_type = 'user' and a.owner_id = r.user_id and a.asset = 'growth' and a.kind = 'available'
      left join account_balances b on b.account_id = a.id`),
  );
  return new Map(rows.map((r) => [r.user_id, { recordedLevel: r.level === null ? null : Number(r.level), level: null, growth: Number(r.growth ?? 0) }]));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The rule row by key (for callers that show what an activity would earn). */
export async function ruleByKey(db: Queryable, key: string) {
  const [rule] = await db.select().from(pointRules).where(and(eq(pointRules.key, key)));
  return rule ?? null;
}
