import { inArray, sql } from "drizzle-orm";
import { pointRules } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { balanceOf, userAccount } from "../../ledger";
import { localDate } from "../../shared/clock";
import { makeupCardCounts } from "./makeup-cards";
import { parseInput } from "./parse-input";
import { addDays, makeupRefusal, monthInfo, monthOf, nextBonus, weekdayOf } from "./rules";
import { calendarQuerySchema, type CalendarQuery, type CheckInCalendar } from "./schemas";
import { readCheckInSettings } from "./settings";
import { rowsOf } from "../../shared/sql-rows";

/**
 * One month of the member's check-ins (the current platform-local month by default) with everything
 * the check-in page shows around it: today's state and streak, the bonus ladder and the next rung,
 * make-up cards and this month's uses left, which missed days a card could fill, and the points
 * balance a card purchase would draw on.
 */
export async function getCheckInCalendar(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  user: CurrentUser,
  raw: CalendarQuery = {},
): Promise<CheckInCalendar> {
  requirePermission(user, "checkIn:daily:own");
  const input = parseInput(calendarQuerySchema, raw);
  const timeZone = ctx.config.platformTimeZone;
  const today = localDate(ctx.clock.now(), timeZone);
  const thisMonth = monthOf(today);
  const month = input.month ?? thisMonth;
  const info = monthInfo(month);
  const joinedOn = localDate(new Date(user.createdAt), timeZone);
  const settings = await readCheckInSettings(ctx.db);

  // The month's rows, plus the days a card can reach and today (the month shown may be another one).
  const rows = rowsOf<{ date: string; streak: number; made_up: boolean }>(
    await ctx.db.execute(sql`
      select to_char(local_date, 'YYYY-MM-DD') as date, streak, made_up from checkins
      where user_id = ${user.id}
        and (local_date between ${info.first}::date and ${info.last}::date
          or local_date between ${addDays(today, -settings.makeupWindowDays)}::date and ${today}::date)`),
  );
  const byDate = new Map(rows.map((r) => [r.date, r]));
  const [totals] = rowsOf<{ total: number; longest: number }>(
    await ctx.db.execute(sql`
      select count(*)::int as total, coalesce(max(streak), 0)::int as longest from checkins where user_id = ${user.id}`),
  );
  const alive = byDate.get(today) ?? byDate.get(addDays(today, -1));

  const days: CheckInCalendar["days"] = [];
  for (let i = 0; i < info.days; i++) {
    const date = addDays(info.first, i);
    const row = byDate.get(date);
    days.push({
      date,
      weekday: weekdayOf(date),
      checkedIn: Boolean(row),
      madeUp: Boolean(row?.made_up),
      isToday: date === today,
      isFuture: date > today,
      fillable: makeupRefusal({ date, today, joinedOn, windowDays: settings.makeupWindowDays, checkedIn: Boolean(row) }) === null,
    });
  }

  const ruleKeys = ["checkin", ...settings.streakBonuses.map((b) => b.ruleKey)];
  const rules = await ctx.db.select().from(pointRules).where(inArray(pointRules.key, ruleKeys));
  const ruleOf = new Map(rules.map((r) => [r.key, r]));
  const streak = alive ? Number(alive.streak) : 0;
  const ladder = [...settings.streakBonuses]
    .sort((a, b) => a.days - b.days)
    .filter((rung) => ruleOf.get(rung.ruleKey)?.enabled)
    .map((rung) => ({ days: rung.days, points: ruleOf.get(rung.ruleKey)!.points, reached: streak >= rung.days }));
  const next = nextBonus(settings.streakBonuses.filter((r) => ruleOf.get(r.ruleKey)?.enabled), streak);
  const counts = await makeupCardCounts(ctx.db, user.id, thisMonth, timeZone);
  const base = ruleOf.get("checkin");

  return {
    month,
    today,
    prevMonth: info.prev >= "2000-01" ? info.prev : null,
    nextMonth: info.next <= thisMonth ? info.next : null,
    joinedOn,
    days,
    checkedInToday: byDate.has(today),
    streak,
    longestStreak: Number(totals?.longest ?? 0),
    totalDays: Number(totals?.total ?? 0),
    daysThisMonth: days.filter((d) => d.checkedIn).length,
    todayPoints: base?.enabled ? base.points : 0,
    ladder,
    nextBonus: next ? { days: next.days, inDays: next.inDays, points: ruleOf.get(next.ruleKey)!.points } : null,
    cardsAvailable: counts.available,
    usesLeftThisMonth: Math.max(settings.makeupUsesPerMonth - counts.usedThisMonth, 0),
    makeupCardPrice: settings.makeupCardPrice,
    makeupWindowDays: settings.makeupWindowDays,
    pointsBalance: await balanceOf(ctx.db, userAccount(user.id, "points")),
  };
}
