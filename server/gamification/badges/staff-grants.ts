import { and, desc, eq, sql } from "drizzle-orm";
import { badgeGrants, badges, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { recordAudit } from "../../ops";
import { AppError } from "../../shared/errors";
import { userSummaries, type UserSummary } from "../../content/views";
import { BADGE_EVENTS, badgeSummaryOf, recountHolders } from "./badge-rows";
import { grantBadgeOnce, grantedPayload } from "./grant-badge";
import { BADGE_STAFF_PERMISSION } from "./manage-badges";
import { grantBadgeSchema, revokeBadgeSchema, type BadgeSummary, type GrantBadgeInput, type GrantView, type RevokeBadgeInput } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function grantViewOf(g: typeof badgeGrants.$inferSelect): GrantView {
  return {
    id: g.id,
    badgeId: g.badgeId,
    userId: g.userId,
    seq: g.seq,
    reason: g.reason,
    certificateCode: g.certificateCode,
    grantedAt: g.grantedAt.toISOString(),
    revokedAt: g.revokedAt ? g.revokedAt.toISOString() : null,
  };
}

/**
 * Staff grant a badge to a member by handle, with a reason; audited. A single badge the member holds
 * is a 409; one staff revoked earlier is restored (same certificate number). A multiple badge gets a
 * new grant each time.
 */
export async function grantBadgeByStaff(ctx: AppContext, staff: CurrentUser, badgeId: string, input: GrantBadgeInput): Promise<GrantView> {
  requirePermission(staff, BADGE_STAFF_PERMISSION);
  const data = parseInput(grantBadgeSchema, input);
  if (!UUID.test(badgeId)) throw new AppError("NOT_FOUND", "badges.notFound");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [badge] = await tx.select().from(badges).where(eq(badges.id, badgeId));
    if (!badge) throw new AppError("NOT_FOUND", "badges.notFound");
    const [member] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.handle}) = lower(${data.handle})`);
    if (!member) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { handle: ["badges.grant.member"] } });

    let grant;
    if (badge.multiple) {
      // Each staff grant of a multiple badge is its own source: numbered after the grants so far.
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(badgeGrants)
        .where(and(eq(badgeGrants.badgeId, badge.id), eq(badgeGrants.userId, member.id)));
      grant = await grantBadgeOnce(tx, { badge, userId: member.id, source: `manual:${Number(n) + 1}`, reason: data.reason, grantedBy: staff.id, now });
    } else {
      grant = await grantBadgeOnce(tx, { badge, userId: member.id, source: null, reason: data.reason, grantedBy: staff.id, now });
      if (!grant) {
        const [held] = await tx
          .select()
          .from(badgeGrants)
          .where(and(eq(badgeGrants.badgeId, badge.id), eq(badgeGrants.userId, member.id)))
          .orderBy(desc(badgeGrants.seq))
          .limit(1)
          .for("update");
        if (!held || held.revokedAt === null) throw new AppError("CONFLICT", "badges.grant.held");
        [grant] = await tx
          .update(badgeGrants)
          .set({ revokedAt: null, reason: data.reason, grantedBy: staff.id, grantedAt: now })
          .where(eq(badgeGrants.id, held.id))
          .returning();
        await recountHolders(tx, badge.id);
        await emitEvent(tx, { type: BADGE_EVENTS.granted, payload: grantedPayload(badge, grant!), occurredAt: now });
      }
    }
    if (!grant) throw new AppError("CONFLICT", "badges.grant.held");
    await recordAudit(tx, { actorId: staff.id, action: "gamification.badge.granted", subjectType: "badge_grant", subjectId: grant.id, before: null, after: grant, at: now });
    return grantViewOf(grant);
  });
}

/** Staff withdraw a grant, with a reason; audited. The certificate then reads "revoked". */
export async function revokeBadge(ctx: AppContext, staff: CurrentUser, grantId: string, input: RevokeBadgeInput): Promise<GrantView> {
  requirePermission(staff, BADGE_STAFF_PERMISSION);
  const data = parseInput(revokeBadgeSchema, input);
  if (!UUID.test(grantId)) throw new AppError("NOT_FOUND", "badges.grant.notFound");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(badgeGrants).where(eq(badgeGrants.id, grantId)).for("update");
    if (!before) throw new AppError("NOT_FOUND", "badges.grant.notFound");
    if (before.revokedAt) throw new AppError("CONFLICT", "badges.grant.revoked");
    const [after] = await tx.update(badgeGrants).set({ revokedAt: now }).where(eq(badgeGrants.id, grantId)).returning();
    await recountHolders(tx, before.badgeId);
    await recordAudit(tx, {
      actorId: staff.id,
      action: "gamification.badge.revoked",
      subjectType: "badge_grant",
      subjectId: grantId,
      before,
      after: { ...after, revokeReason: data.reason },
      at: now,
    });
    await emitEvent(tx, {
      type: BADGE_EVENTS.revoked,
      payload: { grantId, badgeId: before.badgeId, userId: before.userId, reason: data.reason, revokedBy: staff.id },
      occurredAt: now,
    });
    return grantViewOf(after!);
  });
}

export interface RecentGrant extends GrantView {
  badge: BadgeSummary;
  member: UserSummary;
}

/** The latest grants (revoked ones too), newest first, for the staff page. */
export async function listRecentGrants(ctx: Pick<AppContext, "db">, staff: CurrentUser, limit = 30): Promise<RecentGrant[]> {
  requirePermission(staff, BADGE_STAFF_PERMISSION);
  const rows = await ctx.db
    .select({ grant: badgeGrants, badge: badges })
    .from(badgeGrants)
    .innerJoin(badges, eq(badges.id, badgeGrants.badgeId))
    .orderBy(desc(badgeGrants.grantedAt), desc(badgeGrants.id))
    .limit(limit);
  const members = new Map((await userSummaries(ctx, rows.map((r) => r.grant.userId))).map((u) => [u.id, u]));
  return rows.flatMap((r) => {
    const member = members.get(r.grant.userId);
    return member ? [{ ...grantViewOf(r.grant), badge: badgeSummaryOf(r.badge), member }] : [];
  });
}
