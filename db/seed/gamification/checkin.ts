import { eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "../../client";
import { users } from "../../schema";
import type { AppContext } from "../../../server/context";
import { applyMakeupCard, dailyCheckIn, zonedMidnight } from "../../../server/gamification";
import { findCurrentUser, type CurrentUser } from "../../../server/identity";
import { FixedClock, localDate } from "../../../server/shared/clock";
import type { DemoSeedStep } from "../demo";

const HOUR = 60 * 60 * 1000;

/** Platform-local date arithmetic (civil days, so UTC math is exact). */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The context as it stood at `hour` o'clock (platform time) on a platform-local date. */
function on(ctx: AppContext, tx: Transaction, date: string, hour: number): AppContext {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const at = new Date(zonedMidnight(y, m, d, ctx.config.platformTimeZone).getTime() + hour * HOUR);
  return { ...ctx, db: tx as unknown as Database, clock: new FixedClock(at) };
}

/**
 * A demo account is created "now"; one with weeks of check-ins joined before them. Moves the join
 * date back (never forward), so a make-up card may fill a day and the profile reads sensibly.
 */
async function joinedBy(tx: Transaction, user: CurrentUser, at: Date): Promise<CurrentUser> {
  if (new Date(user.createdAt) <= at) return user;
  await tx.update(users).set({ createdAt: at }).where(eq(users.id, user.id));
  return { ...user, createdAt: at.toISOString() };
}

/** Regulars of the demo community with a check-in habit: [handle, current streak, ends today?]. */
const REGULARS: readonly (readonly [string, number, boolean])[] = [
  ["taozi_tang", 6, true],
  ["chenxi_run", 5, false],
  ["naicha_xuming", 3, true],
  ["alv_kitchen", 2, true],
  ["geek_laozhou", 1, false],
];

/**
 * Check-in histories written through the domain functions with a clock set to each day, so rows,
 * streaks, bonuses, make-up cards, ledger entries and events are exactly what members would have made:
 * - `member`: a 7-day run three weeks ago (bonus and a make-up card), a break, then a 5-day streak
 *   alive today with one day filled by that card; not yet checked in today, so the button is live.
 * - `creator`: 15 days in a row up to and including today (the day-7 bonus, cards on days 7 and 14).
 * - a handful of community regulars with current streaks for the streak leaderboard.
 */
const checkinHistories: DemoSeedStep = {
  // About 40 check-ins of ~20 statements each: small enough for the seed's time budget.
  name: "check-in histories",
  async run(tx, ctx, state) {
    const timeZone = ctx.config.platformTimeZone;
    const now = ctx.clock.now();
    const today = localDate(now, timeZone);
    const dayStart = (date: string) => on(ctx, tx, date, 0).clock.now();

    if (state.users.member) {
      const member = await joinedBy(tx, state.users.member, dayStart(addDays(today, -40)));
      state.users.member = member;
      for (let back = 21; back >= 15; back--) await dailyCheckIn(on(ctx, tx, addDays(today, -back), 8 + (back % 3)), member);
      for (const back of [5, 4, 2, 1]) await dailyCheckIn(on(ctx, tx, addDays(today, -back), 9), member);
      await applyMakeupCard(on(ctx, tx, addDays(today, -1), 21), member, { date: addDays(today, -3) });
    }

    if (state.users.creator) {
      const creator = await joinedBy(tx, state.users.creator, dayStart(addDays(today, -70)));
      state.users.creator = creator;
      for (let back = 14; back >= 0; back--) {
        const hour = back === 0 ? Math.max(0, Math.min(7, Number(localHour(now, timeZone)))) : 7 + (back % 4);
        await dailyCheckIn(on(ctx, tx, addDays(today, -back), hour), creator);
      }
    }

    const rows = await tx
      .select({ id: users.id, handle: users.handle })
      .from(users)
      .where(inArray(users.handle, REGULARS.map(([handle]) => handle)));
    const idOf = new Map(rows.map((r) => [r.handle, r.id]));
    for (const [handle, streak, endsToday] of REGULARS) {
      const id = idOf.get(handle);
      const user = id ? await findCurrentUser(tx, id) : null;
      if (!user) continue;
      const joined = localDate(new Date(user.createdAt), timeZone);
      const last = endsToday ? today : addDays(today, -1);
      for (let i = streak - 1; i >= 0; i--) {
        const date = addDays(last, -i);
        if (date < joined) continue;
        // Today's check-in happens before "now", so the demo never holds a check-in from the future.
        const hour = date === today ? Math.max(0, Math.min(8, Number(localHour(now, timeZone)))) : 8 + (i % 5);
        await dailyCheckIn(on(ctx, tx, date, hour), user);
      }
    }
  },
};

/** The hour (0–23) of an instant on the platform clock. */
function localHour(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" }).format(at);
}

/** Demo data of the checkin area, run in order after the content steps (see ./steps.ts). */
export const checkinSeedSteps: DemoSeedStep[] = [checkinHistories];
