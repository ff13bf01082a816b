import { and, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { badgeGrants } from "../../../db/schema";
import { emitEvent } from "../../jobs/emit-event";
import { BADGE_EVENTS, type BadgeGrantedPayload, type BadgeRow } from "./badge-rows";
import { newCertificateCode } from "./certificate-code";

export type GrantRow = typeof badgeGrants.$inferSelect;

export interface GrantInput {
  badge: BadgeRow;
  userId: string;
  /**
   * What earned it, for a badge that may be held more than once: `challenge:<id>`, `streak:<start>`,
   * `manual:<n>`. A single badge ignores it: its key is the same whatever earned it.
   */
  source: string | null;
  reason: string;
  grantedBy: string | null;
  now: Date;
}

/** `badge:<badgeId>:<userId>` for a single badge, `…:<source>` for each grant of a multiple one. */
export function grantKey(badge: Pick<BadgeRow, "id" | "multiple">, userId: string, source: string | null): string {
  const base = `badge:${badge.id}:${userId}`;
  return badge.multiple && source ? `${base}:${source}` : base;
}

/**
 * Grants a badge exactly once per idempotency key and returns the new grant, or null when the key
 * was used before (the member holds it, or held it and staff revoked it: a revoked badge is not
 * earned back by the next event).
 *
 * The database has the last word (unique key, unique (badge, user, seq)); a transaction-scoped
 * advisory lock on (badge, member) only makes concurrent grants queue instead of failing, so the
 * next `seq` is read and used by one of them at a time. Callers evaluating several badges take the
 * locks in badge-id order, so two evaluations for one member cannot deadlock.
 */
export async function grantBadgeOnce(tx: Queryable, input: GrantInput): Promise<GrantRow | null> {
  const { badge, userId, now } = input;
  const key = grantKey(badge, userId, input.source);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`badge:${badge.id}:${userId}`}, 0))`);
  const [used] = await tx.select({ id: badgeGrants.id }).from(badgeGrants).where(eq(badgeGrants.idempotencyKey, key));
  if (used) return null;
  const [{ next } = { next: 1 }] = await tx
    .select({ next: sql<number>`coalesce(max(${badgeGrants.seq}), 0)::int + 1` })
    .from(badgeGrants)
    .where(and(eq(badgeGrants.badgeId, badge.id), eq(badgeGrants.userId, userId)));
  const [grant] = await tx
    .insert(badgeGrants)
    .values({
      badgeId: badge.id,
      userId,
      seq: Number(next),
      idempotencyKey: key,
      reason: input.reason,
      grantedBy: input.grantedBy,
      certificateCode: newCertificateCode(),
      grantedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!grant) return null;
  await afterGrant(tx, badge, grant);
  return grant;
}

/** Holder count and the event, for a grant just written (also used by the backfill per new row). */
export async function afterGrant(tx: Queryable, badge: BadgeRow, grant: GrantRow): Promise<void> {
  const others = await tx
    .select({ id: badgeGrants.id })
    .from(badgeGrants)
    .where(and(eq(badgeGrants.badgeId, badge.id), eq(badgeGrants.userId, grant.userId), isNull(badgeGrants.revokedAt), sql`${badgeGrants.id} <> ${grant.id}`))
    .limit(1);
  if (others.length === 0) {
    await tx.execute(sql`update badges set holder_count = holder_count + 1 where id = ${badge.id}`);
  }
  await emitEvent(tx, { type: BADGE_EVENTS.granted, payload: grantedPayload(badge, grant), occurredAt: grant.grantedAt });
}

export function grantedPayload(badge: BadgeRow, grant: GrantRow): BadgeGrantedPayload {
  return {
    grantId: grant.id,
    badgeId: badge.id,
    userId: grant.userId,
    seq: grant.seq,
    slug: badge.slug,
    nameZh: badge.nameZh,
    nameEn: badge.nameEn,
    icon: badge.icon,
    tier: badge.tier,
    certificate: badge.certificate,
    certificateCode: grant.certificateCode,
    grantedBy: grant.grantedBy,
    reason: grant.reason,
  };
}
