import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { emitEvent } from "../../jobs/emit-event";
import { localDate } from "../../shared/clock";
import { awardPoints, ruleByKey } from "../points";
import { CHECKIN_EVENTS, type CheckInRecordedPayload } from "./events";
import { lockMemberCheckins } from "./lock";
import { nextBonus } from "./rules";
import { readCheckInSettings } from "./settings";
import { payStreakRewards, type PaidBonus } from "./streak-rewards";
import { rowsOf } from "../../shared/sql-rows";

export interface CheckInResult {
  /** True when the member had already checked in today: nothing was written and nothing earned. */
  alreadyCheckedIn: boolean;
  /** The platform-local day checked in (YYYY-MM-DD). */
  localDate: string;
  /** Consecutive days up to and including today. */
  streak: number;
  /** Everything this check-in earned: the base rule plus any bonus (0 when already checked in or capped). */
  points: number;
  growth: number;
  /** The bonus rung reached today, if any (a ladder may pay more than one on the same day). */
  bonus: PaidBonus | null;
  bonuses: PaidBonus[];
  makeupCardEarned: boolean;
  /** The next rung of the ladder: "再签 3 天得 +20". */
  nextBonus: { days: number; inDays: number; points: number } | null;
  levelChange: { from: number; to: number } | null;
}

/**
 * Checks the member in for today (platform-local), once. The unique (user_id, local_date) index is the
 * only judge: the row is written with INSERT … ON CONFLICT DO NOTHING, and only the request whose row
 * went in pays the base rule (`points:checkin:<userId>:<localDate>`), the streak bonuses and card, and
 * emits `gamification.checkin.recorded` — all in the check-in's transaction, so they exist exactly
 * when it does. Any other request that day answers `alreadyCheckedIn: true` with today's streak, which
 * is what a phone app retrying after a dropped response wants (200, not an error).
 */
export async function dailyCheckIn(ctx: Pick<AppContext, "db" | "clock" | "config">, user: CurrentUser): Promise<CheckInResult> {
  requirePermission(user, "checkIn:daily:own");
  const now = ctx.clock.now();
  const timeZone = ctx.config.platformTimeZone;
  const day = localDate(now, timeZone);
  const settings = await readCheckInSettings(ctx.db);

  const result = await ctx.db.transaction(async (tx) => {
    await lockMemberCheckins(tx, user.id);
    // Today's streak counts on from yesterday's row (kept right by fills, see apply-makeup-card.ts).
    const [inserted] = rowsOf<{ streak: number }>(
      await tx.execute(sql`
        insert into checkins (user_id, local_date, streak, made_up, created_at)
        values (${user.id}, ${day}::date,
          coalesce((select streak from checkins where user_id = ${user.id} and local_date = ${day}::date - 1), 0) + 1,
          false, ${now.toISOString()}::timestamptz)
        on conflict (user_id, local_date) do nothing
        returning streak`),
    );
    if (!inserted) {
      const [existing] = rowsOf<{ streak: number }>(
        await tx.execute(sql`select streak from checkins where user_id = ${user.id} and local_date = ${day}::date`),
      );
      return { alreadyCheckedIn: true, streak: Number(existing?.streak ?? 0), points: 0, growth: 0, bonuses: [], makeupCardEarned: false, levelChange: null };
    }
    const streak = Number(inserted.streak);
    const base = await awardPoints(tx, {
      userId: user.id,
      ruleKey: "checkin",
      idempotencyKey: `points:checkin:${user.id}:${day}`,
      occurredAt: now,
      now,
      timeZone,
      memo: { localDate: day, streak },
    });
    const rewards = await payStreakRewards(tx, { userId: user.id, localDate: day, streak, settings, occurredAt: now, now, timeZone });
    const payload: CheckInRecordedPayload = { userId: user.id, localDate: day, streak, madeUp: false };
    await emitEvent(tx, { type: CHECKIN_EVENTS.recorded, payload, occurredAt: now });
    const bonusPoints = rewards.bonuses.reduce((sum, b) => sum + b.points, 0);
    const bonusGrowth = rewards.bonuses.reduce((sum, b) => sum + b.growth, 0);
    return {
      alreadyCheckedIn: false,
      streak,
      points: base.points + bonusPoints,
      growth: base.growth + bonusGrowth,
      bonuses: rewards.bonuses,
      makeupCardEarned: rewards.makeupCardEarned,
      levelChange: rewards.levelChange ?? base.levelChange,
    };
  });

  const next = nextBonus(settings.streakBonuses, result.streak);
  const nextRule = next ? await ruleByKey(ctx.db, next.ruleKey) : null;
  return {
    ...result,
    localDate: day,
    bonus: result.bonuses[0] ?? null,
    nextBonus: next && nextRule?.enabled ? { days: next.days, inDays: next.inDays, points: nextRule.points } : null,
  };
}
