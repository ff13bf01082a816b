import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journalEntries, notifications, pointLots } from "../../db/schema";
import { awardPoints, expirePoints, expiresAtFor, listPointsLedger, POINTS_POLICY_KEY, remindExpiringPoints } from "../../server/gamification/points";
import { pointsConsumers } from "../../server/gamification/points/consumers";
import { pointsExpirySchedule } from "../../server/gamification/points/schedules";
import type { CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import { balanceOf, checkLedgerInvariants, consumePointLots, platformAccount, postEntry, userAccount } from "../../server/ledger";
import { writeSetting } from "../../server/ops";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const TZ = "Asia/Shanghai";
const DAY = 86_400_000;

describe("points expiry: FIFO lots to breakage, with a reminder first", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  const start = new Date("2026-03-01T04:00:00Z");
  const clock = new FixedClock(start);

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
    ctx = createTestContext(db.handle.db, { clock });
    await db.handle.db.transaction((tx) =>
      writeSetting(tx, { key: POINTS_POLICY_KEY, value: { globalDailyCap: 200, expiry: { mode: "days", days: 30 }, reminderDays: 7 }, actorId: null, now: start }),
    );
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const logger = createLogger({ level: "silent" });
  const drain = () => createJobRunner({ db: db.handle.db, logger, clock, consumers: pointsConsumers, context: { config: ctx.config, realtime: ctx.realtime } }).drain();
  const points = (u: CurrentUser) => balanceOf(db.handle.db, userAccount(u.id, "points"));
  const award = (u: CurrentUser, key: string, at: Date) =>
    db.handle.db.transaction((tx) => awardPoints(tx, { userId: u.id, ruleKey: "post.featured", idempotencyKey: key, occurredAt: at, now: at, timeZone: TZ }));

  it("reminds once within the reminder window, then expires what is left of each lot, oldest first", async () => {
    const { user } = await createTestUser(db.handle.db);
    await award(user, `points:test:exp:${user.id}:a`, start); // 50, expires 03-31
    await award(user, `points:test:exp:${user.id}:b`, new Date(start.getTime() + 5 * DAY)); // 50, expires 04-05
    // Spend 30: it comes out of the older lot.
    await db.handle.db.transaction(async (tx) => {
      await postEntry(tx, {
        idempotencyKey: `test:spend:${user.id}`,
        reason: "redemption",
        userId: user.id,
        occurredAt: start,
        now: start,
        postings: [
          { account: userAccount(user.id, "points"), amount: -30 },
          { account: platformAccount("points", "expense"), amount: 30 },
        ],
      });
      await consumePointLots(tx, user.id, 30);
    });

    // Eight days before the first expiry: nothing yet. Seven: one reminder for the first lot.
    expect(await remindExpiringPoints(db.handle.db, { now: new Date(start.getTime() + 22 * DAY) })).toEqual({ members: 0 });
    clock.set(new Date(start.getTime() + 23 * DAY + 3_600_000));
    expect(await remindExpiringPoints(db.handle.db, { now: clock.now() })).toEqual({ members: 1 });
    expect(await remindExpiringPoints(db.handle.db, { now: clock.now() })).toEqual({ members: 0 });
    await drain();
    const notices = await db.handle.db.select().from(notifications).where(and(eq(notifications.userId, user.id), eq(notifications.type, "points")));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.data).toMatchObject({ points: 20, excerpt: "你有 20 积分将于 2026年3月31日 过期，快去兑换专区看看吧。" });

    // After the first expiry: its 20 remaining go to breakage, the newer lot stays.
    clock.set(new Date(start.getTime() + 30 * DAY + 60_000));
    await pointsExpirySchedule.run({ db: db.handle.db, clock, logger, realtime: ctx.realtime, config: ctx.config, slot: "x", scheduledFor: clock.now() });
    expect(await points(user)).toBe(50);
    expect(await balanceOf(db.handle.db, platformAccount("points", "breakage"))).toBe(20);
    const lots = await db.handle.db.select().from(pointLots).where(eq(pointLots.userId, user.id));
    expect(lots.map((l) => l.remaining).sort()).toEqual([0, 50]);
    const expiredLot = lots.find((l) => l.remaining === 0)!;
    const [entry] = await db.handle.db.select().from(journalEntries).where(eq(journalEntries.idempotencyKey, `expiry:lot:${expiredLot.id}`));
    expect(entry).toMatchObject({ reason: "expiry", userId: user.id });
    // The second lot's reminder came with this run (it is now within 7 days of 04-05).
    await drain();
    expect(await db.handle.db.select().from(notifications).where(and(eq(notifications.userId, user.id), eq(notifications.type, "points")))).toHaveLength(2);

    // Running again changes nothing; after the second expiry the balance is 0.
    expect(await expirePoints(db.handle.db, { now: clock.now() })).toEqual({ lots: 0, points: 0 });
    clock.set(new Date(start.getTime() + 36 * DAY));
    expect(await expirePoints(db.handle.db, { now: clock.now() })).toEqual({ lots: 1, points: 50 });
    expect(await points(user)).toBe(0);
    const ledger = await listPointsLedger(ctx, user.id, {}, "zh-CN");
    expect(ledger.items.slice(0, 2).map((i) => `${i.reasonText} ${i.points}`)).toEqual(["积分过期 -50", "积分过期 -20"]);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("never expires more than the member holds, even when a spend skipped the lots", async () => {
    const { user } = await createTestUser(db.handle.db);
    const at = new Date("2026-05-01T04:00:00Z");
    await award(user, `points:test:exp2:${user.id}`, at);
    await postEntry(db.handle.db, {
      idempotencyKey: `test:spend2:${user.id}`,
      reason: "redemption",
      userId: user.id,
      occurredAt: at,
      now: at,
      postings: [
        { account: userAccount(user.id, "points"), amount: -45 },
        { account: platformAccount("points", "expense"), amount: 45 },
      ],
    });
    await expirePoints(db.handle.db, { now: new Date(at.getTime() + 31 * DAY) });
    expect(await points(user)).toBe(0);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("dates expiry by policy: never, N days, or the last instant of next year in the platform zone", () => {
    const earned = new Date("2026-12-31T17:00:00Z"); // already 2027-01-01 in Shanghai
    expect(expiresAtFor(earned, { mode: "never" }, TZ)).toBeNull();
    expect(expiresAtFor(earned, { mode: "days", days: 10 }, TZ)).toEqual(new Date("2027-01-10T17:00:00Z"));
    expect(expiresAtFor(earned, { mode: "endOfNextYear" }, TZ)).toEqual(new Date("2028-12-31T15:59:59.999Z"));
  });
});
