import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkins } from "../../db/schema";
import { getLeaderboard, periodBounds } from "../../server/gamification/leaderboards";
import type { CurrentUser } from "../../server/identity";
import { platformAccount, postEntry, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, uniqueHandle } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const TZ = "Asia/Shanghai";

describe("leaderboards: points earned per Shanghai week and month, current streaks, ties, staff left out", () => {
  let db: TestDatabase;
  // Tuesday 1 December 2026, 11:00 in Shanghai: this week began Monday 30 November, this month on the 1st.
  const clock = new FixedClock("2026-12-01T03:00:00Z");
  let ctx: ReturnType<typeof createTestContext>;
  const people: Record<"a" | "b" | "c" | "d" | "e" | "x" | "staff" | "admin", CurrentUser> = {} as never;
  let n = 0;

  async function post(userId: string, amount: number, at: string, counter: "issuance" | "expense" = "issuance", reverses: string | null = null) {
    return ctx.db.transaction((tx) =>
      postEntry(tx, {
        idempotencyKey: `test:board:${++n}`,
        reason: counter === "issuance" ? "rule:test" : "redemption",
        userId,
        reversesEntryId: reverses,
        occurredAt: new Date(at),
        now: new Date(at),
        postings: [
          { account: userAccount(userId, "points"), amount },
          { account: platformAccount("points", counter), amount: -amount },
        ],
      }),
    );
  }

  async function checkIn(userId: string, dates: string[]) {
    const sorted = [...dates].sort();
    await ctx.db.insert(checkins).values(sorted.map((localDate, i) => ({ userId, localDate, streak: i + 1, createdAt: clock.now() })));
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db, { clock });
    for (const key of ["a", "b", "c", "d", "e", "x"] as const) {
      people[key] = (await createTestUser(ctx.db, { handle: uniqueHandle(key), now: clock.now() })).user;
    }
    people.staff = (await createTestUser(ctx.db, { handle: uniqueHandle("s"), roles: ["staff"], now: clock.now() })).user;
    people.admin = (await createTestUser(ctx.db, { handle: uniqueHandle("z"), roles: ["admin"], now: clock.now() })).user;

    // Sunday 29 November 23:59:59 in Shanghai: last week. One second later: this week (still November).
    await post(people.a.id, 50, "2026-11-29T15:59:59Z");
    await post(people.a.id, 30, "2026-11-29T16:00:00Z");
    // Monday 30 November 23:59:59: this week, November. Tuesday 1 December 00:00: this week and this month.
    await post(people.c.id, 30, "2026-11-30T15:59:59Z");
    await post(people.b.id, 30, "2026-11-30T16:00:00Z");
    await post(people.d.id, 10, "2026-12-01T01:00:00Z");
    await post(people.x.id, 100, "2026-12-01T01:00:00Z");
    // Spending and a refund of that spending are not earnings.
    await post(people.e.id, 20, "2026-12-01T01:00:00Z");
    const spent = await post(people.e.id, -20, "2026-12-01T02:00:00Z", "expense");
    await post(people.e.id, 20, "2026-12-01T02:30:00Z", "expense", spent.entryId);
    // Staff and admins earn plenty and still don't appear.
    await post(people.staff.id, 1000, "2026-12-01T01:00:00Z");
    await post(people.admin.id, 900, "2026-12-01T01:00:00Z");

    await checkIn(people.a.id, ["2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01"]);
    await checkIn(people.b.id, ["2026-11-29", "2026-11-30"]);
    await checkIn(people.c.id, ["2026-11-25", "2026-11-26", "2026-11-27"]);
    await checkIn(people.d.id, ["2026-11-20", "2026-11-29", "2026-11-30", "2026-12-01"]);
    await checkIn(people.x.id, ["2026-11-30", "2026-12-01"]);
    await checkIn(people.staff.id, ["2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01"]);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const board = (rows: { rank: number; value: number; user: { id: string } }[]) => {
    const name = new Map(Object.entries(people).map(([k, u]) => [u.id, k]));
    return rows.map((r) => `${r.rank}:${name.get(r.user.id)}:${r.value}`);
  };

  it("counts this Shanghai week from Monday 00:00, ranking ties equally (1, 2, 2, 2, 5, 6)", async () => {
    const week = await getLeaderboard(ctx, null, { board: "points", period: "week" });
    expect(week.startsAt).toBe("2026-11-29T16:00:00.000Z");
    expect(week.endsAt).toBe("2026-12-06T16:00:00.000Z");
    // Equal values are ordered by handle; a, b, c's handles sort in that order.
    expect(board(week.entries)).toEqual(["1:x:100", "2:a:30", "2:b:30", "2:c:30", "5:e:20", "6:d:10"]);
    expect(week.total).toBe(6);
    expect(week.me).toBeNull();
  });

  it("counts this Shanghai month from the 1st at 00:00", async () => {
    const month = await getLeaderboard(ctx, null, { board: "points", period: "month" });
    expect(month.startsAt).toBe("2026-11-30T16:00:00.000Z");
    expect(month.endsAt).toBe("2026-12-31T16:00:00.000Z");
    expect(board(month.entries)).toEqual(["1:x:100", "2:b:30", "3:e:20", "4:d:10"]);
  });

  it("counts every award for all time", async () => {
    const all = await getLeaderboard(ctx, null, { board: "points", period: "all" });
    expect(all.startsAt).toBeNull();
    expect(board(all.entries)).toEqual(["1:x:100", "2:a:80", "3:b:30", "3:c:30", "5:e:20", "6:d:10"]);
  });

  it("shows the signed-in member their own rank when they are outside the top N", async () => {
    const week = await getLeaderboard(ctx, people.d, { board: "points", period: "week", limit: 2 });
    expect(board(week.entries)).toEqual(["1:x:100", "2:a:30"]);
    expect(week.me).toEqual({ rank: 6, value: 10 });
    const staffView = await getLeaderboard(ctx, people.staff, { board: "points", period: "week" });
    expect(staffView.me).toBeNull();
  });

  it("ranks current streaks: consecutive days ending today or yesterday, broken streaks gone", async () => {
    const streaks = await getLeaderboard(ctx, people.c, { board: "streak" });
    expect(board(streaks.entries)).toEqual(["1:a:4", "2:d:3", "3:b:2", "3:x:2"]);
    expect(streaks.me).toBeNull();
    // A day later, without anyone checking in: only streaks that reached yesterday (1 December) survive.
    const nextDay = createTestContext(db.handle.db, { clock: new FixedClock("2026-12-02T15:59:59Z") });
    expect(board((await getLeaderboard(nextDay, null, { board: "streak" })).entries)).toEqual(["1:a:4", "2:d:3", "3:x:2"]);
    // At 00:00 on 3 December in Shanghai they are all broken.
    const twoDays = createTestContext(db.handle.db, { clock: new FixedClock("2026-12-02T16:00:00Z") });
    expect((await getLeaderboard(twoDays, null, { board: "streak" })).entries).toEqual([]);
  });

  it("puts week and month boundaries at Shanghai midnight, whatever the UTC date", () => {
    expect(periodBounds("week", new Date("2026-11-29T15:59:59Z"), TZ).start!.toISOString()).toBe("2026-11-22T16:00:00.000Z");
    expect(periodBounds("week", new Date("2026-11-29T16:00:00Z"), TZ).start!.toISOString()).toBe("2026-11-29T16:00:00.000Z");
    expect(periodBounds("month", new Date("2026-12-31T15:59:59Z"), TZ)).toEqual({
      start: new Date("2026-11-30T16:00:00Z"),
      end: new Date("2026-12-31T16:00:00Z"),
    });
    expect(periodBounds("month", new Date("2026-12-31T16:00:00Z"), TZ).start!.toISOString()).toBe("2026-12-31T16:00:00.000Z");
    // A Sunday in Shanghai belongs to the week that began six days before.
    expect(periodBounds("week", new Date("2027-01-03T10:00:00Z"), TZ).start!.toISOString()).toBe("2026-12-27T16:00:00.000Z");
  });
});
