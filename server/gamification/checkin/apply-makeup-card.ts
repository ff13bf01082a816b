import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { emitEvent } from "../../jobs/emit-event";
import { localDate } from "../../shared/clock";
import { AppError } from "../../shared/errors";
import { CHECKIN_EVENTS, type CheckInRecordedPayload } from "./events";
import { lockMemberCheckins } from "./lock";
import { makeupCardCounts } from "./makeup-cards";
import { addDays, makeupRefusal, monthOf, streaksAfterFill, type MakeupRefusal } from "./rules";
import { applyMakeupCardSchema, type ApplyMakeupCardInput } from "./schemas";
import { readCheckInSettings } from "./settings";
import { payStreakRewards, type PaidBonus } from "./streak-rewards";
import { parseInput } from "./parse-input";
import { rowsOf } from "../../shared/sql-rows";

export interface MakeupResult {
  localDate: string;
  filledStreak: number;
  streak: number;
  points: number;
  growth: number;
  bonuses: PaidBonus[];
  makeupCardEarned: boolean;
  cardsAvailable: number;
  usesLeftThisMonth: number;
}

const REFUSALS: Record<MakeupRefusal, { code: "VALIDATION_FAILED" | "CONFLICT"; key: string }> = {
  today: { code: "VALIDATION_FAILED", key: "checkin.makeup.today" },
  future: { code: "VALIDATION_FAILED", key: "checkin.makeup.future" },
  tooOld: { code: "VALIDATION_FAILED", key: "checkin.makeup.tooOld" },
  beforeJoined: { code: "VALIDATION_FAILED", key: "checkin.makeup.beforeJoined" },
  checkedIn: { code: "CONFLICT", key: "checkin.makeup.checkedIn" },
};

/**
 * Fills a missed day with one of the member's make-up cards (补签): a day within the last
 * `makeupWindowDays`, not today or later, not before they joined, not already checked in, and at most
 * `makeupUsesPerMonth` uses in the current platform-local month. The use is recorded on the card
 * (`used_at`, `used_for_date`) and as a `made_up` check-in row.
 *
 * Streaks are stored per row, so the fill rewrites the streak of every later day of the run it joins
 * (two runs become one), under the member's lock so a check-in can't count on from a stale yesterday.
 * The filled day earns no base check-in points (the card restores the streak, it doesn't sell a day's
 * points), but any streak bonus or card the joined run now reaches on a day is paid once, keyed by
 * that day exactly as a live check-in would have been.
 */
export async function applyMakeupCard(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  user: CurrentUser,
  raw: ApplyMakeupCardInput,
): Promise<MakeupResult> {
  requirePermission(user, "checkIn:daily:own");
  const input = parseInput(applyMakeupCardSchema, raw);
  const now = ctx.clock.now();
  const timeZone = ctx.config.platformTimeZone;
  const today = localDate(now, timeZone);
  const month = monthOf(today);
  const settings = await readCheckInSettings(ctx.db);
  const joinedOn = localDate(new Date(user.createdAt), timeZone);

  return ctx.db.transaction(async (tx) => {
    await lockMemberCheckins(tx, user.id);
    const existing = rowsOf(await tx.execute(sql`select 1 from checkins where user_id = ${user.id} and local_date = ${input.date}::date`));
    const refusal = makeupRefusal({ date: input.date, today, joinedOn, windowDays: settings.makeupWindowDays, checkedIn: existing.length > 0 });
    if (refusal) {
      const { code, key } = REFUSALS[refusal];
      throw new AppError(code, key, { fields: { date: [key] } });
    }
    const counts = await makeupCardCounts(tx, user.id, month, timeZone);
    if (counts.usedThisMonth >= settings.makeupUsesPerMonth) {
      throw new AppError("CONFLICT", "checkin.makeup.monthlyLimit", { fields: { date: ["checkin.makeup.monthlyLimit"] } });
    }
    const [card] = rowsOf<{ id: string }>(
      await tx.execute(sql`
        select id from makeup_cards where user_id = ${user.id} and used_at is null
        order by acquired_at, id limit 1 for update`),
    );
    if (!card) throw new AppError("CONFLICT", "checkin.makeup.noCard");

    const [filled] = rowsOf<{ streak: number }>(
      await tx.execute(sql`
        insert into checkins (user_id, local_date, streak, made_up, created_at)
        values (${user.id}, ${input.date}::date,
          coalesce((select streak from checkins where user_id = ${user.id} and local_date = ${input.date}::date - 1), 0) + 1,
          true, ${now.toISOString()}::timestamptz)
        on conflict (user_id, local_date) do nothing
        returning streak`),
    );
    // Unreachable under the lock (the day was free a moment ago), but the index stays the judge.
    if (!filled) throw new AppError("CONFLICT", "checkin.makeup.checkedIn", { fields: { date: ["checkin.makeup.checkedIn"] } });
    await tx.execute(sql`
      update makeup_cards set used_at = ${now.toISOString()}::timestamptz, used_for_date = ${input.date}::date where id = ${card.id}`);

    const filledStreak = Number(filled.streak);
    const later = rowsOf<{ date: string; streak: number }>(
      await tx.execute(sql`
        select to_char(local_date, 'YYYY-MM-DD') as date, streak from checkins
        where user_id = ${user.id} and local_date > ${input.date}::date and local_date <= ${today}::date
        order by local_date`),
    ).map((r) => ({ date: r.date, streak: Number(r.streak) }));
    const { changed, runEnd } = streaksAfterFill({ date: input.date, streak: filledStreak }, later);
    for (const row of changed) {
      await tx.execute(sql`update checkins set streak = ${row.to} where user_id = ${user.id} and local_date = ${row.date}::date`);
    }

    const reached = [{ date: input.date, streak: filledStreak }, ...changed.map((c) => ({ date: c.date, streak: c.to }))];
    const bonuses: PaidBonus[] = [];
    let makeupCardEarned = false;
    for (const day of reached) {
      const rewards = await payStreakRewards(tx, { userId: user.id, localDate: day.date, streak: day.streak, settings, occurredAt: now, now, timeZone });
      bonuses.push(...rewards.bonuses);
      makeupCardEarned ||= rewards.makeupCardEarned;
    }
    const payload: CheckInRecordedPayload = { userId: user.id, localDate: input.date, streak: runEnd, madeUp: true };
    await emitEvent(tx, { type: CHECKIN_EVENTS.recorded, payload, occurredAt: now });

    // The streak alive today: the joined run's, when it reaches yesterday or today.
    const runEndDate = addDays(input.date, runEnd - filledStreak);
    const alive = runEndDate >= addDays(today, -1) ? runEnd : 0;
    const after = await makeupCardCounts(tx, user.id, month, timeZone);
    return {
      localDate: input.date,
      filledStreak,
      streak: alive,
      points: bonuses.reduce((s, b) => s + b.points, 0),
      growth: bonuses.reduce((s, b) => s + b.growth, 0),
      bonuses,
      makeupCardEarned,
      cardsAvailable: after.available,
      usesLeftThisMonth: Math.max(settings.makeupUsesPerMonth - after.usedThisMonth, 0),
    };
  });
}
