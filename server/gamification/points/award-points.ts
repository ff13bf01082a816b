import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { pointRules } from "../../../db/schema";
import { addPostings, claimEntry, openPointLot, platformAccount, userAccount, type PostingInput } from "../../ledger";
import { localDate } from "../../shared/clock";
import { currentLevelOf, syncLevel } from "./levels";
import { expiresAtFor, readPointsPolicy } from "./policy";
import { rowsOf } from "../../shared/sql-rows";

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
 * the member's global daily points cap (raised by their level), multiplied by their level's multiplier.
 *
 * Order matters for exactness: the journal entry claims the key first, so a replay or a concurrent twin
 * stops before touching any cap; the caps are then taken with conditional upserts (never read-then-write),
 * so concurrent awards can't overshoot them; finally the postings move points and growth out of the
 * platform's issuance accounts, a FIFO lot records the points for expiry, and the level follows growth.
 * A capped award still leaves its (posting-less) entry, so the member's ledger can say why it paid nothing.
 */
export async function awardPoints(tx: Queryable, input: AwardInput): Promise<AwardResult> {
  const [rule] = await tx.select().from(pointRules).where(eq(pointRules.key, input.ruleKey));
  if (!rule) return none("unknownRule");
  if (!rule.enabled) return none("disabled");
  const claim = await claimEntry(tx, {
    idempotencyKey: input.idempotencyKey,
    reason: `rule:${rule.key}`,
    userId: input.userId,
    ruleId: rule.id,
    sourceEventId: input.sourceEventId ?? null,
    memo: input.memo ?? {},
    occurredAt: input.occurredAt,
    now: input.now,
  });
  if (!claim.created) return none("duplicate", claim.entryId);

  const day = localDate(input.occurredAt, input.timeZone);
  if (rule.dailyCap !== null) {
    const took = rowsOf(
      await tx.execute(sql`
        insert into point_cap_usage (user_id, local_date, rule_key, times, points)
        values (${input.userId}, ${day}::date, ${rule.key}, 1, 0)
        on conflict (user_id, local_date, rule_key) do update set times = point_cap_usage.times + 1
          where point_cap_usage.times < ${rule.dailyCap}
        returning times`),
    );
    if (took.length === 0 || rule.dailyCap === 0) return none("capped", claim.entryId);
  }

  const units = Math.max(1, Math.floor(input.units ?? 1));
  const level = await currentLevelOf(tx, input.userId);
  // Integer points: the multiplier applies to the rule's amount, rounded half up.
  const wanted = Math.floor((rule.points * units * level.multiplierBp + 5_000) / 10_000);
  const growth = rule.growth * units;
  let points = 0;
  const policy = wanted > 0 || !input.pending ? await readPointsPolicy(tx) : null;
  if (wanted > 0 && policy) {
    const cap = policy.globalDailyCap + level.dailyCapBonus;
    // Take what is left of today's global cap under the row's lock: concurrent awards queue here.
    // The no-op update makes the upsert lock the row and return it in one round trip.
    const [usage] = rowsOf<{ points: number }>(
      await tx.execute(sql`
        insert into point_cap_usage (user_id, local_date, rule_key, times, points)
        values (${input.userId}, ${day}::date, '*', 0, 0)
        on conflict (user_id, local_date, rule_key) do update set times = point_cap_usage.times
        returning points`),
    );
    points = Math.min(wanted, Math.max(cap - Number(usage?.points ?? 0), 0));
    await tx.execute(sql`
      update point_cap_usage set points = points + ${points}, times = times + 1
      where user_id = ${input.userId} and local_date = ${day}::date and rule_key = '*'`);
  }
  if (points === 0 && growth === 0) return none("capped", claim.entryId);

  const bucket = input.pending ? "pending" : "available";
  const lines: PostingInput[] = [];
  if (points > 0) {
    lines.push({ account: userAccount(input.userId, "points", bucket), amount: points });
    lines.push({ account: platformAccount("points", "issuance"), amount: -points });
  }
  if (growth > 0) {
    lines.push({ account: userAccount(input.userId, "growth", bucket), amount: growth });
    lines.push({ account: platformAccount("growth", "issuance"), amount: -growth });
  }
  await addPostings(tx, claim.entryId, lines, input.now);
  if (points > 0 && !input.pending && policy) {
    await openPointLot(tx, {
      userId: input.userId,
      entryId: claim.entryId,
      amount: points,
      earnedAt: input.occurredAt,
      expiresAt: expiresAtFor(input.occurredAt, policy.expiry, input.timeZone),
    });
  }
  const levelChange = growth > 0 && !input.pending ? await syncLevel(tx, input.userId, claim.entryId, input.now) : null;
  return { outcome: "awarded", points, growth, entryId: claim.entryId, levelChange };
}

/** The rule row by key (for callers that show what an activity would earn). */
export async function ruleByKey(db: Queryable, key: string) {
  const [rule] = await db.select().from(pointRules).where(and(eq(pointRules.key, key)));
  return rule ?? null;
}
