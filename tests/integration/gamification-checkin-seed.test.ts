import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkins, makeupCards } from "../../db/schema";
import type { DemoSeedState } from "../../db/seed/demo";
import { checkinSeedSteps } from "../../db/seed/gamification/checkin";
import { currentStreakOf, getCheckInCalendar } from "../../server/gamification";
import { findCurrentUser } from "../../server/identity";
import { checkLedgerInvariants } from "../../server/ledger";
import { FixedClock, localDate } from "../../server/shared/clock";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/** The demo check-in histories, run alone on the two demo accounts they are about. */
describe("demo check-in seed", () => {
  let db: TestDatabase;
  const clock = new FixedClock("2026-11-23T02:00:00Z"); // 10:00 in Shanghai
  let ctx: ReturnType<typeof createTestContext>;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db, { clock });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("gives member a live 5-day streak with one made-up day and creator a 15-day streak, on a balanced ledger, fast", async () => {
    const now = clock.now();
    const member = (await createTestUser(ctx.db, { handle: "member", now })).user;
    const creator = (await createTestUser(ctx.db, { handle: "creator", roles: ["creator"], now })).user;
    const state: DemoSeedState = { users: { member, creator } };
    const started = performance.now();
    await ctx.db.transaction(async (tx) => {
      for (const step of checkinSeedSteps) await step.run(tx, ctx, state);
    });
    // The whole demo seed aims at < 3 s on an idle machine; this file may share 2 cores with others.
    expect(performance.now() - started).toBeLessThan(5_000);

    const today = localDate(now, ctx.config.platformTimeZone);
    expect(await currentStreakOf(ctx.db, member.id, today)).toBe(5);
    const memberRows = await ctx.db.select().from(checkins).where(eq(checkins.userId, member.id));
    expect(memberRows.filter((r) => r.madeUp).map((r) => r.localDate)).toEqual(["2026-11-20"]);
    expect(memberRows.some((r) => r.localDate === today)).toBe(false);
    const cards = await ctx.db.select().from(makeupCards).where(eq(makeupCards.userId, member.id));
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ source: "streak", usedForDate: "2026-11-20" });

    expect(await currentStreakOf(ctx.db, creator.id, today)).toBe(15);
    const refreshed = (await findCurrentUser(ctx.db, creator.id))!;
    const calendar = await getCheckInCalendar(ctx, refreshed);
    expect(calendar).toMatchObject({ checkedInToday: true, streak: 15, cardsAvailable: 2 });
    expect(new Date(refreshed.createdAt) < new Date("2026-10-01T00:00:00Z")).toBe(true);
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);
  });
});
