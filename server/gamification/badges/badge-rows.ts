import { and, asc, eq, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { badges, type BadgeCriterion } from "../../../db/schema";
import type { BadgeSummary, BadgeView } from "./schemas";

export type BadgeRow = typeof badges.$inferSelect;

export const BADGE_EVENTS = {
  granted: "gamification.badge.granted",
  revoked: "gamification.badge.revoked",
} as const;

/** Payload of `gamification.badge.granted`: what the inbox and the celebration need, no look-ups. */
export type BadgeGrantedPayload = {
  grantId: string;
  badgeId: string;
  userId: string;
  seq: number;
  slug: string;
  nameZh: string;
  nameEn: string;
  icon: string;
  tier: string;
  certificate: boolean;
  certificateCode: string;
  grantedBy: string | null;
  reason: string;
};

/** Enabled badges whose criterion has this type, in a fixed order (so locks are taken in one order). */
export async function enabledBadgesOfType(db: Queryable, type: BadgeCriterion["type"]): Promise<BadgeRow[]> {
  return db
    .select()
    .from(badges)
    .where(and(eq(badges.enabled, true), sql`${badges.criterion}->>'type' = ${type}`))
    .orderBy(asc(badges.id));
}

export function badgeSummaryOf(b: BadgeRow): BadgeSummary {
  return { id: b.id, slug: b.slug, nameZh: b.nameZh, nameEn: b.nameEn, icon: b.icon, tier: b.tier };
}

export function badgeViewOf(b: BadgeRow, progress: BadgeView["progress"]): BadgeView {
  return {
    ...badgeSummaryOf(b),
    descriptionZh: b.descriptionZh,
    descriptionEn: b.descriptionEn,
    criterion: b.criterion,
    multiple: b.multiple,
    certificate: b.certificate,
    enabled: b.enabled,
    holderCount: b.holderCount,
    progress,
  };
}

/** Recounts a badge's holders (members with at least one grant not revoked) from the grants themselves. */
export async function recountHolders(db: Queryable, badgeId: string): Promise<void> {
  await db.execute(sql`
    update badges set holder_count = (
      select count(distinct g.user_id) from badge_grants g where g.badge_id = ${badgeId} and g.revoked_at is null
    ) where id = ${badgeId}`);
}
