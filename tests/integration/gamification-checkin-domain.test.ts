import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, checkins, journalEntries, makeupCards, outboxEvents, pointLots, settings } from "../../db/schema";
import {
  applyMakeupCard,
  awardPoints,
  buyMakeupCard,
  currentStreakOf,
  dailyCheckIn,
  getCheckInCalendar,
  updateCheckInSettings,
  DEFAULT_CHECKIN_SETTINGS,
} from "../../server/gamification";
import type { CurrentUser } from "../../server/identity";
import { balanceOf, checkLedgerInvariants, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/** Noon in Shanghai of a platform-local date: safely inside the day. */
const noon = (date: string) => new Date(`${date}T04:00:00Z`);

type Ctx = ReturnType<typeof createTestContext>;

describe("daily check-in, streaks and make-up cards", () => {
  let db: TestDatabase;
  let ctx: Ctx;
  let clock: FixedClock;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 20 });
    clock = new FixedClock(noon("2026-03-10"));
    ctx = createTestContext(db.handle.db, { clock });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  /** A member who joined on `joined` (platform-local date). */
  async function member(joined = "2025-06-01"): Promise<CurrentUser> {
    return (await createTestUser(ctx.db, { now: noon(joined) })).user;
  }

  async function checkInOn(user: CurrentUser, date: string, at?: Date) {
    clock.set(at ?? noon(date));
    return dailyCheckIn(ctx, user);
  }

  async function fill(user: CurrentUser, today: string, date: string) {
    clock.set(noon(today));
    return applyMakeupCard(ctx, user, { date });
  }

  /** The member's check-ins as date → streak (made-up days marked with *). */
  async function history(user: CurrentUser) {
    const rows = await ctx.db
      .select({ date: checkins.localDate, streak: checkins.streak, madeUp: checkins.madeUp })
      .from(checkins)
      .where(eq(checkins.userId, user.id))
      .orderBy(checkins.localDate);
    return Object.fromEntries(rows.map((r) => [r.date, `${r.streak}${r.madeUp ? "*" : ""}`]));
  }

  async function entriesLike(pattern: string) {
    return ctx.db.select().from(journalEntries).where(like(journalEntries.idempotencyKey, pattern));
  }

  async function giveCards(user: CurrentUser, n: number) {
    for (let i = 0; i < n; i++) {
      await ctx.db
        .insert(makeupCards)
        .values({ userId: user.id, source: "staff", idempotencyKey: `makeup:test:${user.id}:${crypto.randomUUID()}`, acquiredAt: noon("2026-01-01") });
    }
  }

  const points = (user: CurrentUser) => balanceOf(ctx.db, userAccount(user.id, "points"));

  async function refusal(p: Promise<unknown>) {
    try {
      await p;
    } catch (e) {
      const err = e as { code: string; status: number; message: string; fields?: Record<string, string[]> };
      return { code: err.code, status: err.status, message: err.message, fields: err.fields };
    }
    throw new Error("expected a refusal");
  }

  it("500 concurrent check-ins for one member and day: one succeeds, one row, one base ledger entry", async () => {
    const user = await member();
    clock.set(noon("2026-03-10"));
    const results = await Promise.all(Array.from({ length: 500 }, () => dailyCheckIn(ctx, user)));
    expect(results.filter((r) => !r.alreadyCheckedIn)).toHaveLength(1);
    expect(results.filter((r) => r.alreadyCheckedIn)).toHaveLength(499);
    expect(results.find((r) => !r.alreadyCheckedIn)).toMatchObject({ localDate: "2026-03-10", streak: 1, points: 5, growth: 5 });
    expect(results.filter((r) => r.alreadyCheckedIn).every((r) => r.points === 0 && r.streak === 1)).toBe(true);
    expect(await ctx.db.select().from(checkins).where(eq(checkins.userId, user.id))).toHaveLength(1);
    expect(await entriesLike(`points:checkin:${user.id}:%`)).toHaveLength(1);
    expect(await points(user)).toBe(5);
    const events = await ctx.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, "gamification.checkin.recorded"), sql`${outboxEvents.payload}->>'userId' = ${user.id}`));
    expect(events.map((e) => e.payload)).toEqual([{ userId: user.id, localDate: "2026-03-10", streak: 1, madeUp: false }]);
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);
  }, 120_000);

  it("23:59:59 and 00:00:00 in Shanghai are two days (15:59:59Z and 16:00:00Z)", async () => {
    const user = await member();
    const late = await checkInOn(user, "2026-03-01", new Date("2026-03-01T15:59:59Z"));
    expect(late).toMatchObject({ alreadyCheckedIn: false, localDate: "2026-03-01", streak: 1 });
    const again = await checkInOn(user, "2026-03-01", new Date("2026-03-01T15:59:59.999Z"));
    expect(again).toMatchObject({ alreadyCheckedIn: true, localDate: "2026-03-01", points: 0 });
    const midnight = await checkInOn(user, "2026-03-02", new Date("2026-03-01T16:00:00Z"));
    expect(midnight).toMatchObject({ alreadyCheckedIn: false, localDate: "2026-03-02", streak: 2, points: 5 });
    expect(await history(user)).toEqual({ "2026-03-01": "1", "2026-03-02": "2" });
  });

  it("streaks run across month ends, February in common and leap years, and the year end", async () => {
    const user = await member();
    for (const date of ["2026-01-30", "2026-01-31", "2026-02-01"]) await checkInOn(user, date);
    expect(await currentStreakOf(ctx.db, user.id, "2026-02-01")).toBe(3);
    for (const date of ["2026-02-27", "2026-02-28", "2026-03-01"]) await checkInOn(user, date);
    expect(await currentStreakOf(ctx.db, user.id, "2026-03-01")).toBe(3);
    for (const date of ["2028-02-28", "2028-02-29", "2028-03-01"]) await checkInOn(user, date);
    expect((await history(user))["2028-03-01"]).toBe("3");
    for (const date of ["2026-12-30", "2026-12-31", "2027-01-01"]) await checkInOn(user, date);
    expect((await history(user))["2027-01-01"]).toBe("3");
  });

  it("a missed day ends the streak; yesterday's streak stays alive until today ends", async () => {
    const user = await member();
    for (const date of ["2026-04-01", "2026-04-02", "2026-04-03"]) await checkInOn(user, date);
    expect(await currentStreakOf(ctx.db, user.id, "2026-04-03")).toBe(3);
    expect(await currentStreakOf(ctx.db, user.id, "2026-04-04")).toBe(3);
    expect(await currentStreakOf(ctx.db, user.id, "2026-04-05")).toBe(0);
    const after = await checkInOn(user, "2026-04-05");
    expect(after.streak).toBe(1);
    expect(await currentStreakOf(ctx.db, user.id, "2026-04-05")).toBe(1);
  });

  it("pays the 7-day bonus on day 7 exactly once, with a make-up card, and tells the next rung before", async () => {
    const user = await member();
    const days = ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06", "2026-05-07", "2026-05-08"];
    const results = [];
    for (const date of days.slice(0, 6)) results.push(await checkInOn(user, date));
    expect(results.every((r) => r.bonus === null && !r.makeupCardEarned)).toBe(true);
    expect(results[3]!.nextBonus).toEqual({ days: 7, inDays: 3, points: 20 });

    const day7 = await Promise.all(Array.from({ length: 20 }, () => checkInOn(user, days[6]!)));
    const winner = day7.find((r) => !r.alreadyCheckedIn)!;
    expect(day7.filter((r) => !r.alreadyCheckedIn)).toHaveLength(1);
    expect(winner).toMatchObject({ streak: 7, points: 25, growth: 15, makeupCardEarned: true, nextBonus: null });
    expect(winner.bonus).toEqual({ days: 7, ruleKey: "checkin.streak7", points: 20, growth: 10 });
    const day8 = await checkInOn(user, days[7]!);
    expect(day8).toMatchObject({ streak: 8, points: 5, bonus: null, makeupCardEarned: false });

    expect(await entriesLike(`points:checkin.streak7:${user.id}:%`)).toHaveLength(1);
    expect(await points(user)).toBe(8 * 5 + 20);
    const cards = await ctx.db.select().from(makeupCards).where(eq(makeupCards.userId, user.id));
    expect(cards.map((c) => [c.source, c.idempotencyKey])).toEqual([["streak", `makeup:streak:${user.id}:2026-05-07`]]);
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);
  });

  it("a make-up card fills a missed day, joins the two runs and continues the streak tomorrow", async () => {
    const user = await member();
    for (const date of ["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-05", "2026-06-06"]) await checkInOn(user, date);
    await giveCards(user, 1);
    expect(await currentStreakOf(ctx.db, user.id, "2026-06-06")).toBe(2);

    const filled = await fill(user, "2026-06-06", "2026-06-04");
    expect(filled).toMatchObject({ localDate: "2026-06-04", filledStreak: 4, streak: 6, cardsAvailable: 0, usesLeftThisMonth: 1, points: 0 });
    expect(await history(user)).toEqual({ "2026-06-01": "1", "2026-06-02": "2", "2026-06-03": "3", "2026-06-04": "4*", "2026-06-05": "5", "2026-06-06": "6" });
    expect(await currentStreakOf(ctx.db, user.id, "2026-06-06")).toBe(6);
    const [card] = await ctx.db.select().from(makeupCards).where(eq(makeupCards.userId, user.id));
    expect(card).toMatchObject({ usedForDate: "2026-06-04", usedAt: noon("2026-06-06") });
    // The filled day earns no base points of its own.
    expect(await entriesLike(`points:checkin:${user.id}:2026-06-04`)).toHaveLength(0);

    const next = await checkInOn(user, "2026-06-07");
    expect(next).toMatchObject({ streak: 7, points: 25 });
    expect(next.bonus?.days).toBe(7);
    const events = await ctx.db
      .select({ payload: outboxEvents.payload })
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, "gamification.checkin.recorded"), sql`${outboxEvents.payload}->>'madeUp' = 'true'`, sql`${outboxEvents.payload}->>'userId' = ${user.id}`));
    expect(events.map((e) => e.payload)).toEqual([{ userId: user.id, localDate: "2026-06-04", streak: 6, madeUp: true }]);
  });

  it("a fill that carries a run past day 7 pays that day's bonus and card once", async () => {
    const user = await member();
    for (const date of ["2026-07-01", "2026-07-02", "2026-07-03", "2026-07-05", "2026-07-06", "2026-07-07", "2026-07-08"]) await checkInOn(user, date);
    await giveCards(user, 1);
    const before = await points(user);
    const filled = await fill(user, "2026-07-08", "2026-07-04");
    expect(filled).toMatchObject({ streak: 8, points: 20, makeupCardEarned: true, cardsAvailable: 1 });
    expect(filled.bonuses).toEqual([{ days: 7, ruleKey: "checkin.streak7", points: 20, growth: 10 }]);
    expect(await points(user)).toBe(before + 20);
    expect((await history(user))["2026-07-07"]).toBe("7");
    expect(await entriesLike(`points:checkin.streak7:${user.id}:2026-07-07`)).toHaveLength(1);
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);
  });

  it("refuses make-ups beyond the caps with field messages and changes nothing", async () => {
    const user = await member("2026-08-01");
    await giveCards(user, 4);
    for (const date of ["2026-08-10", "2026-08-12"]) await checkInOn(user, date);
    const today = "2026-08-14";
    const snapshot = async () => ({
      rows: await history(user),
      unused: (await ctx.db.select().from(makeupCards).where(and(eq(makeupCards.userId, user.id), sql`${makeupCards.usedAt} is null`))).length,
      points: await points(user),
    });
    const start = await snapshot();

    const cases: [string, string, number, string][] = [
      ["2026-08-06", "8 days ago", 422, "checkin.makeup.tooOld"],
      ["2026-08-12", "already checked in", 409, "checkin.makeup.checkedIn"],
      ["2026-08-14", "today", 422, "checkin.makeup.today"],
      ["2026-08-15", "the future", 422, "checkin.makeup.future"],
      ["2026-07-31", "before joining (and too old)", 422, "checkin.makeup.tooOld"],
      ["2026-02-30", "not a date", 422, "checkin.date.invalid"],
    ];
    for (const [date, why, status, key] of cases) {
      const r = await refusal(fill(user, today, date));
      expect(r.status, why).toBe(status);
      expect(r.fields?.date, why).toEqual([key]);
    }
    expect(await snapshot()).toEqual(start);

    // 7 days back is the edge of the window: allowed. Two uses a month, the third refused.
    await fill(user, today, "2026-08-07");
    await fill(user, today, "2026-08-11");
    const third = await refusal(fill(user, today, "2026-08-13"));
    expect(third).toMatchObject({ status: 409, message: "checkin.makeup.monthlyLimit", fields: { date: ["checkin.makeup.monthlyLimit"] } });
    expect(await history(user)).toEqual({ "2026-08-07": "1*", "2026-08-10": "1", "2026-08-11": "2*", "2026-08-12": "3" });

    // A new month (of use) brings new uses; the day filled may be in the month before.
    const nextMonth = await fill(user, "2026-09-01", "2026-08-31");
    expect(nextMonth).toMatchObject({ usesLeftThisMonth: 1, filledStreak: 1 });
  });

  it("refuses a day before the member joined, and a fill without a card", async () => {
    const user = await member("2026-10-05");
    await giveCards(user, 1);
    const early = await refusal(fill(user, "2026-10-07", "2026-10-04"));
    expect(early).toMatchObject({ status: 422, fields: { date: ["checkin.makeup.beforeJoined"] } });
    await fill(user, "2026-10-07", "2026-10-05");
    const none = await refusal(fill(user, "2026-10-07", "2026-10-06"));
    expect(none).toMatchObject({ status: 409, message: "checkin.makeup.noCard" });
    expect(await history(user)).toEqual({ "2026-10-05": "1*" });
  });

  it("two fills and a check-in racing for one member keep the streaks right", async () => {
    const user = await member();
    for (const date of ["2026-11-01", "2026-11-03", "2026-11-05"]) await checkInOn(user, date);
    await giveCards(user, 2);
    clock.set(noon("2026-11-06"));
    await Promise.all([applyMakeupCard(ctx, user, { date: "2026-11-02" }), applyMakeupCard(ctx, user, { date: "2026-11-04" }), dailyCheckIn(ctx, user)]);
    expect(await history(user)).toEqual({
      "2026-11-01": "1",
      "2026-11-02": "2*",
      "2026-11-03": "3",
      "2026-11-04": "4*",
      "2026-11-05": "5",
      "2026-11-06": "6",
    });
  });

  it("buys a card with points once per request key, from the oldest lots, and refuses an overdraft", async () => {
    const user = await member();
    const at = noon("2026-12-01");
    clock.set(at);
    // post.featured pays 50: two of them, 100 points.
    for (const i of [1, 2]) {
      await ctx.db.transaction((tx) =>
        awardPoints(tx, { userId: user.id, ruleKey: "post.featured", idempotencyKey: `points:test:${user.id}:${i}`, occurredAt: at, now: at, timeZone: "Asia/Shanghai" }),
      );
    }
    const bought = await Promise.all(Array.from({ length: 10 }, () => buyMakeupCard(ctx, user, { requestKey: "phone-retry-0001" })));
    expect(bought.filter((b) => b.created)).toHaveLength(1);
    expect(new Set(bought.map((b) => b.cardId)).size).toBe(1);
    expect(await points(user)).toBe(50);

    const racing = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => buyMakeupCard(ctx, user, { requestKey: `race-key-${i}-xyz` })));
    expect(racing.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = racing.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason as { code: string; message: string });
    expect(refused.every((e) => e.code === "CONFLICT" && e.message === "checkin.makeup.insufficientPoints")).toBe(true);
    expect(await points(user)).toBe(0);
    const cards = await ctx.db.select().from(makeupCards).where(eq(makeupCards.userId, user.id));
    expect(cards.map((c) => c.source)).toEqual(["purchase", "purchase"]);
    const lots = await ctx.db.select().from(pointLots).where(eq(pointLots.userId, user.id));
    expect(lots.reduce((s, l) => s + l.remaining, 0)).toBe(0);
    expect(await entriesLike(`spend:makeup:${user.id}:%`)).toHaveLength(2);
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);

    const bad = await refusal(buyMakeupCard(ctx, user, { requestKey: "x" }));
    expect(bad).toMatchObject({ status: 422, fields: { requestKey: ["checkin.requestKey.invalid"] } });
  });

  it("shows a month: checked and made-up days, today, fillable days, cards, uses left and the ladder", async () => {
    const user = await member("2027-01-01");
    for (const date of ["2027-01-10", "2027-01-11", "2027-01-13", "2027-01-14"]) await checkInOn(user, date);
    await giveCards(user, 1);
    await fill(user, "2027-01-14", "2027-01-12");
    clock.set(noon("2027-01-14"));
    const cal = await getCheckInCalendar(ctx, user);
    expect(cal).toMatchObject({
      month: "2027-01",
      today: "2027-01-14",
      prevMonth: "2026-12",
      nextMonth: null,
      checkedInToday: true,
      streak: 5,
      longestStreak: 5,
      totalDays: 5,
      daysThisMonth: 5,
      cardsAvailable: 0,
      usesLeftThisMonth: 1,
      todayPoints: 5,
      nextBonus: { days: 7, inDays: 2, points: 20 },
      ladder: [{ days: 7, points: 20, reached: false }],
    });
    expect(cal.days).toHaveLength(31);
    const day = (d: string) => cal.days.find((x) => x.date === d)!;
    expect(day("2027-01-12")).toMatchObject({ checkedIn: true, madeUp: true, fillable: false });
    expect(day("2027-01-14")).toMatchObject({ isToday: true, checkedIn: true });
    expect(day("2027-01-09")).toMatchObject({ checkedIn: false, fillable: true });
    expect(day("2027-01-06")).toMatchObject({ fillable: false });
    expect(day("2027-01-15")).toMatchObject({ isFuture: true, fillable: false });
    expect(day("2027-01-04")!.weekday).toBe(0); // a Monday

    const december = await getCheckInCalendar(ctx, user, { month: "2026-12" });
    expect(december).toMatchObject({ month: "2026-12", nextMonth: "2027-01", streak: 5, checkedInToday: true, daysThisMonth: 0 });
    const bad = await refusal(getCheckInCalendar(ctx, user, { month: "2027-13" }));
    expect(bad).toMatchObject({ status: 422, fields: { month: ["checkin.month.invalid"] } });
  });

  it("lets staff edit the ladder (audited), refuses unknown rules and members", async () => {
    const staff = (await createTestUser(ctx.db, { roles: ["staff"], now: noon("2025-01-01") })).user;
    const user = await member();
    const denied = await refusal(updateCheckInSettings(ctx, user, DEFAULT_CHECKIN_SETTINGS));
    expect(denied.status).toBe(403);
    const unknown = await refusal(
      updateCheckInSettings(ctx, staff, { ...DEFAULT_CHECKIN_SETTINGS, streakBonuses: [{ days: 30, ruleKey: "checkin.streak30" }] }),
    );
    expect(unknown).toMatchObject({ status: 422, fields: { "streakBonuses.0.ruleKey": ["checkin.settings.unknownRule"] } });
    expect(await ctx.db.select().from(settings).where(eq(settings.key, "gamification.checkin"))).toHaveLength(0);

    // A 2-day rung on the existing bonus rule: the second day pays it.
    await updateCheckInSettings(ctx, staff, { ...DEFAULT_CHECKIN_SETTINGS, streakBonuses: [{ days: 2, ruleKey: "checkin.streak7" }] });
    await checkInOn(user, "2027-02-01");
    const second = await checkInOn(user, "2027-02-02");
    expect(second).toMatchObject({ streak: 2, points: 25 });
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.subjectId, "gamification.checkin"));
    expect(audits).toHaveLength(1);
    await updateCheckInSettings(ctx, staff, DEFAULT_CHECKIN_SETTINGS);
  });

  it("refuses a visitor", async () => {
    const noUser = await refusal(dailyCheckIn(ctx, null as unknown as CurrentUser));
    expect(noUser.status).toBe(401);
  });
});
