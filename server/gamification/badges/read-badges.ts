import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { badgeGrants, badges, checkins, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import { decodeCursor, encodeCursor } from "../../content/feeds/cursor";
import { userSummaries } from "../../content/views";
import { localDate } from "../../shared/clock";
import { AppError } from "../../shared/errors";
import { z } from "zod";
import { badgeSummaryOf, badgeViewOf, type BadgeRow } from "./badge-rows";
import { counterValues, rowsOf, type CounterValues } from "./counters";
import type { BadgeCounter, BadgeDetail, BadgeHolder, BadgeProgress, BadgeView, UserBadge } from "./schemas";

type Ctx = Pick<AppContext, "db" | "clock" | "config">;

/** A member's streak as it stands today: their last check-in's streak if it was today or yesterday, else 0. */
export async function currentStreak(ctx: Ctx, userId: string): Promise<number> {
  const [last] = await ctx.db
    .select({ localDate: checkins.localDate, streak: checkins.streak })
    .from(checkins)
    .where(eq(checkins.userId, userId))
    .orderBy(desc(checkins.localDate))
    .limit(1);
  if (!last) return 0;
  const today = localDate(ctx.clock.now(), ctx.config.platformTimeZone);
  const yesterday = localDate(new Date(ctx.clock.now().getTime() - 86_400_000), ctx.config.platformTimeZone);
  return last.localDate === today || last.localDate === yesterday ? last.streak : 0;
}

/** How many live (not revoked) grants of each badge a member holds. */
async function heldCounts(db: Queryable, userId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ badgeId: badgeGrants.badgeId, n: sql<number>`count(*)::int` })
    .from(badgeGrants)
    .where(and(eq(badgeGrants.userId, userId), isNull(badgeGrants.revokedAt)))
    .groupBy(badgeGrants.badgeId);
  return new Map(rows.map((r) => [r.badgeId, Number(r.n)]));
}

function progressOf(badge: BadgeRow, times: number, counters: CounterValues, streak: number): BadgeProgress {
  const c = badge.criterion;
  const [current, target] =
    c.type === "counter" ? [counters[c.counter as BadgeCounter] ?? 0, c.threshold] : c.type === "streak" ? [streak, c.days] : [null, null];
  return {
    earned: times > 0,
    times,
    current,
    target,
    remaining: current === null || target === null ? null : Math.max(0, target - current),
  };
}

/**
 * listBadges: every enabled badge with its tier and holder count; for a signed-in member also
 * where they stand ("还差 3 个赞获得 人气新星"). Gold first, then by how many hold it.
 */
export async function listBadges(ctx: Ctx, viewer: { id: string } | null): Promise<BadgeView[]> {
  const rows = await ctx.db.select().from(badges).where(eq(badges.enabled, true)).orderBy(asc(badges.createdAt), asc(badges.slug));
  if (!viewer) return rows.map((r) => badgeViewOf(r, null));
  const [held, counters, streak] = await Promise.all([heldCounts(ctx.db, viewer.id), counterValues(ctx.db, viewer.id), currentStreak(ctx, viewer.id)]);
  return rows.map((r) => badgeViewOf(r, progressOf(r, held.get(r.id) ?? 0, counters, streak)));
}

const holderCursor = z.strictObject({ t: z.string().min(1).max(40), u: z.uuid() });

/**
 * One badge's page: the definition, the caller's progress, and its holders (each member once, the
 * newest holders first), keyset-paginated by (first grant time, member id).
 */
export async function getBadge(ctx: Ctx, slug: string, viewer: { id: string } | null, options: { cursor?: string; limit?: number } = {}): Promise<BadgeDetail> {
  const [badge] = await ctx.db.select().from(badges).where(eq(badges.slug, slug));
  if (!badge || !badge.enabled) throw new AppError("NOT_FOUND", "badges.notFound");
  const limit = Math.min(Math.max(options.limit ?? 24, 1), 60);
  const after = options.cursor ? decodeCursor(holderCursor, options.cursor) : null;
  const result = await ctx.db.execute(sql`
    select g.user_id, count(*)::int as times,
           to_char(min(g.granted_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as first
      from badge_grants g
     where g.badge_id = ${badge.id} and g.revoked_at is null
     group by g.user_id
    ${after ? sql`having (min(g.granted_at), g.user_id) < (${after.t}::timestamptz, ${after.u}::uuid)` : sql``}
     order by min(g.granted_at) desc, g.user_id desc
     limit ${limit + 1}`);
  const rows = rowsOf(result).map((r) => ({ userId: String(r.user_id), times: Number(r.times), first: String(r.first) }));
  const page = rows.slice(0, limit);
  const people = new Map((await userSummaries(ctx, page.map((r) => r.userId))).map((u) => [u.id, u]));
  const items: BadgeHolder[] = page.flatMap((r) => {
    const user = people.get(r.userId);
    return user ? [{ user, times: r.times, firstGrantedAt: new Date(r.first).toISOString() }] : [];
  });
  const last = page[page.length - 1];
  let progress: BadgeProgress | null = null;
  if (viewer) {
    const [held, counters, streak] = await Promise.all([heldCounts(ctx.db, viewer.id), counterValues(ctx.db, viewer.id), currentStreak(ctx, viewer.id)]);
    progress = progressOf(badge, held.get(badge.id) ?? 0, counters, streak);
  }
  return {
    badge: badgeViewOf(badge, progress),
    holders: { items, nextCursor: rows.length > limit && last ? encodeCursor({ t: last.first, u: last.userId }) : null },
  };
}

/** listUserBadges: a member's live grants, newest first (public: badges are shown on profiles). */
export async function listUserBadges(ctx: Pick<AppContext, "db">, userId: string): Promise<UserBadge[]> {
  const rows = await ctx.db
    .select({ grant: badgeGrants, badge: badges })
    .from(badgeGrants)
    .innerJoin(badges, eq(badges.id, badgeGrants.badgeId))
    .innerJoin(users, eq(users.id, badgeGrants.userId))
    .where(and(eq(badgeGrants.userId, userId), isNull(badgeGrants.revokedAt)))
    .orderBy(desc(badgeGrants.grantedAt), desc(badgeGrants.seq));
  return rows.map(({ grant, badge }) => ({
    grantId: grant.id,
    badge: { ...badgeSummaryOf(badge), certificate: badge.certificate },
    seq: grant.seq,
    reason: grant.reason,
    grantedAt: grant.grantedAt.toISOString(),
    certificateCode: grant.certificateCode,
  }));
}
