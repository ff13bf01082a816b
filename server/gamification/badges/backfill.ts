import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { badgeGrants, badges, outboxEvents } from "../../../db/schema";
import { BADGE_EVENTS, recountHolders, type BadgeRow } from "./badge-rows";
import { newCertificateCode } from "./certificate-code";
import { membersReaching, rowsOf } from "./counters";
import { grantedPayload } from "./grant-badge";
import type { BadgeCounter } from "./schemas";

const CHUNK = 500;

/**
 * The nightly catch-up: grants every enabled badge whose criterion a member meets but who doesn't
 * hold it — badges created after the activity, events that arrived before a badge was enabled, a
 * threshold lowered by staff. Per badge, one query finds everyone missing it (a set, never a loop over
 * members) and the grants go in as multi-row inserts under the same idempotency keys the consumers
 * use, ON CONFLICT DO NOTHING, so a live grant racing the backfill still happens once and a second
 * run grants nothing. Revoked grants keep their key, so the backfill never re-grants them.
 */
export async function backfillBadges(db: Queryable, now: Date): Promise<{ granted: number; byBadge: Record<string, number> }> {
  const list = await db.select().from(badges).where(eq(badges.enabled, true)).orderBy(asc(badges.slug));
  const byBadge: Record<string, number> = {};
  let granted = 0;
  for (const badge of list) {
    const sources = candidatesSql(badge);
    if (!sources) continue;
    // One transaction per badge (a savepoint when the caller already holds one, as the demo seed does).
    const count = await db.transaction((tx) => backfillOne(tx, badge, sources, now));
    if (count > 0) byBadge[badge.slug] = count;
    granted += count;
  }
  return { granted, byBadge };
}

async function backfillOne(tx: Queryable, badge: BadgeRow, sources: SQL, now: Date): Promise<number> {
  const prefix = `badge:${badge.id}:`;
  // (user_id, source) pairs meeting the criterion, keyed as grant-badge.ts keys them, minus the keys used.
  const keyExpr = badge.multiple ? sql`${prefix} || c.user_id || ':' || c.source` : sql`${prefix} || c.user_id`;
  const result = await tx.execute(sql`
    with c as (select distinct ${badge.multiple ? sql`s.user_id, s.source` : sql`s.user_id, ''::text as source`} from (${sources}) s),
         missing as (
           select c.user_id, ${keyExpr} as key, c.source
             from c
            where not exists (select 1 from badge_grants g where g.idempotency_key = ${keyExpr})
         )
    select m.user_id, m.key,
           coalesce((select max(g.seq) from badge_grants g where g.badge_id = ${badge.id} and g.user_id = m.user_id), 0)
             + row_number() over (partition by m.user_id order by m.source) as seq
      from missing m`);
  const rows = rowsOf(result).map((r) => ({ userId: String(r.user_id), key: String(r.key), seq: Number(r.seq) }));
  let count = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await tx
      .insert(badgeGrants)
      .values(
        rows.slice(i, i + CHUNK).map((r) => ({
          badgeId: badge.id,
          userId: r.userId,
          seq: r.seq,
          idempotencyKey: r.key,
          reason: "",
          grantedBy: null,
          certificateCode: newCertificateCode(),
          grantedAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) continue;
    count += inserted.length;
    await tx
      .insert(outboxEvents)
      .values(inserted.map((g) => ({ type: BADGE_EVENTS.granted, payload: grantedPayload(badge, g), occurredAt: now })));
  }
  if (count > 0) await recountHolders(tx, badge.id);
  return count;
}

/** `select user_id, source …` of everyone meeting the badge's criterion; null for manual badges. */
function candidatesSql(badge: BadgeRow): SQL | null {
  const c = badge.criterion;
  switch (c.type) {
    case "counter":
      return sql`select m.user_id, ''::text as source from (${membersReaching(c.counter as BadgeCounter, c.threshold)}) m`;
    case "streak":
      // Every day of a run shares its first day, which names the run as the consumer names it.
      return sql`select k.user_id, 'streak:' || to_char(k.local_date - (k.streak - 1), 'YYYY-MM-DD') as source
                   from checkins k where k.streak >= ${c.days}`;
    case "challenge":
      return sql`select p.user_id, 'challenge:' || p.challenge_id as source
                   from challenge_participants p join challenges ch on ch.id = p.challenge_id
                  where p.completed_at is not null
                    and (ch.reward_badge_id = ${badge.id} or ${c.challengeId}::uuid is null or p.challenge_id = ${c.challengeId}::uuid)`;
    case "manual":
      // A manual badge may still be a challenge's reward.
      return sql`select p.user_id, 'challenge:' || p.challenge_id as source
                   from challenge_participants p join challenges ch on ch.id = p.challenge_id
                  where p.completed_at is not null and ch.reward_badge_id = ${badge.id}`;
  }
}
