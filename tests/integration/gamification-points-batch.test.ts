import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { levelHistory, membershipPlans, memberships, orders, outboxDeliveries, userLevels } from "../../db/schema";
import { awardPoints, type AwardInput, type AwardResult } from "../../server/gamification/points";
import { awardPointsBatch } from "../../server/gamification/points/award-points";
import { pointsConsumers } from "../../server/gamification/points/consumers";
import { createJobRunner } from "../../server/jobs/runner";
import { emitEvent } from "../../server/jobs/emit-event";
import { balanceOf, checkLedgerInvariants, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createNote } from "./feeds-fixtures";

const TZ = "Asia/Shanghai";

/*
 * The outbox hands the points consumer whole batches of events, which awardPointsBatch prices together
 * in a handful of statements. These tests hold it to the one-by-one semantics: the same inputs paid in
 * one batch or award by award leave the same ledger, caps, levels and level history.
 */
describe("points for a batch of events: the same as one award at a time", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  const clock = new FixedClock("2026-11-23T04:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    ctx = createTestContext(db.handle.db, { clock });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const member = async () => (await createTestUser(db.handle.db, { now: new Date("2026-11-01T00:00:00Z") })).user;
  const day = (n: number, hour = 3) => new Date(Date.UTC(2026, 10, 1 + n, hour));

  /**
   * A star who climbs V1 → V2 → V3 through featurings over five days (V3 prices later awards ×1.1 and
   * raises the global cap to 250), then on day 5 hits the publish rule's count cap (3) and the global
   * cap; a duplicate key; an unknown rule; and a commenter who passes the comment rule's cap (10).
   */
  function scenario(star: string, fan: string): AwardInput[] {
    const award = (userId: string, ruleKey: string, key: string, at: Date): AwardInput => ({
      userId,
      ruleKey,
      idempotencyKey: `points:test:batch:${userId}:${key}`,
      occurredAt: at,
      now: at,
      timeZone: TZ,
      memo: { key },
    });
    const inputs: AwardInput[] = [];
    for (let i = 0; i < 10; i++) inputs.push(award(star, "post.featured", `featured-${i}`, day(Math.floor(i / 2))));
    for (let i = 0; i < 4; i++) inputs.push(award(star, "post.published", `published-${i}`, day(5)));
    for (let i = 0; i < 5; i++) inputs.push(award(star, "post.featured", `featured-late-${i}`, day(5, 4)));
    inputs.push(award(star, "like.received", "like-0", day(5, 5)));
    inputs.push(award(star, "like.received", "like-0", day(5, 5))); // the same like again
    inputs.push(award(star, "no.such.rule", "unknown", day(5, 5)));
    for (let i = 0; i < 12; i++) inputs.push(award(fan, "comment.created", `comment-${i}`, day(3)));
    return inputs;
  }

  /** What a member sees of it all: balances, level, level history, and each award's answer. */
  async function outcome(star: string, fan: string, results: AwardResult[]) {
    const history = await db.handle.db
      .select({ from: levelHistory.fromLevel, to: levelHistory.toLevel, growth: levelHistory.growth })
      .from(levelHistory)
      .where(eq(levelHistory.userId, star))
      .orderBy(asc(levelHistory.growth));
    const [level] = await db.handle.db.select({ level: userLevels.level }).from(userLevels).where(eq(userLevels.userId, star));
    return {
      star: {
        points: await balanceOf(db.handle.db, userAccount(star, "points")),
        growth: await balanceOf(db.handle.db, userAccount(star, "growth")),
        level: level?.level,
        history,
      },
      fan: { points: await balanceOf(db.handle.db, userAccount(fan, "points")) },
      results: results.map((r) => ({ outcome: r.outcome, points: r.points, growth: r.growth, levelChange: r.levelChange })),
    };
  }

  it("pays a batch exactly what the same awards pay one by one: caps, multiplier, level-ups part-way, duplicates", async () => {
    const [oneStar, oneFan, batchStar, batchFan] = [await member(), await member(), await member(), await member()];

    const oneByOne: AwardResult[] = [];
    for (const input of scenario(oneStar.id, oneFan.id)) oneByOne.push(await db.handle.db.transaction((tx) => awardPoints(tx, input)));
    const batched = await db.handle.db.transaction((tx) => awardPointsBatch(tx, scenario(batchStar.id, batchFan.id)));

    const expected = await outcome(oneStar.id, oneFan.id, oneByOne);
    expect(await outcome(batchStar.id, batchFan.id, batched)).toEqual(expected);

    // And that is the behaviour the rules promise, not just two paths agreeing.
    expect(expected.star.history).toEqual([
      { from: 1, to: 2, growth: 100 },
      { from: 2, to: 3, growth: 500 },
    ]);
    const featuredLate = expected.results.slice(14, 19).map((r) => r.points);
    const published = expected.results.slice(10, 14).map((r) => r.outcome);
    expect(published).toEqual(["awarded", "awarded", "awarded", "capped"]);
    // Day 5: 3 × 11 published, then 55 per featuring under V3's cap of 250: 55, 55, 55, 52, 0.
    expect(featuredLate).toEqual([55, 55, 55, 52, 0]);
    expect(expected.results.slice(19, 22).map((r) => r.outcome)).toEqual(["awarded", "duplicate", "unknownRule"]);
    expect(expected.fan.points).toBe(20);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("multiplies points by the membership running when the activity happened, not the one running now", async () => {
    const vip = await member();
    const now = day(10);
    const [plan] = await db.handle.db
      .insert(membershipPlans)
      .values({ nameZh: "尊享卡", nameEn: "Premium", priceCents: 9_900, durationDays: 30, benefits: { distributionRights: true, pointsMultiplierBp: 15_000, monthlyPoints: 0, birthdayGift: "" }, createdAt: now, updatedAt: now })
      .returning();
    const [order] = await db.handle.db
      .insert(orders)
      .values({ number: `T${Date.now()}`, kind: "membership", source: "shop", buyerId: vip.id, membershipPlanId: plan!.id, status: "paid", totalCents: 9_900, paidAt: day(5), createdAt: day(5), updatedAt: day(5) })
      .returning();
    await db.handle.db.insert(memberships).values({ userId: vip.id, planId: plan!.id, orderId: order!.id, startsAt: day(5), endsAt: day(35), createdAt: day(5) });
    const award = (key: string, at: Date, ruleKey = "post.featured"): AwardInput => ({ userId: vip.id, ruleKey, idempotencyKey: `points:test:vip:${vip.id}:${key}`, occurredAt: at, now, timeZone: TZ });
    const results = await db.handle.db.transaction((tx) =>
      awardPointsBatch(tx, [award("before", day(4)), award("during", day(6)), award("like", day(7), "like.received"), award("after", day(36))]),
    );
    // ×1.5 while the membership ran: 50 → 75, a like's 1 → 2 (half up); before it and after it, 50.
    expect(results.map((r) => r.points)).toEqual([50, 75, 2, 50]);
    const single = await db.handle.db.transaction((tx) => awardPoints(tx, award("single", day(8))));
    expect(single.points).toBe(75);
  });

  it("delivers a runner's batch of likes together, and a malformed event in it fails alone", async () => {
    const author = await member();
    const note = await createNote(db.handle.db, author.id);
    const fans = await Promise.all(Array.from({ length: 30 }, () => member()));
    let bad = 0;
    await db.handle.db.transaction(async (tx) => {
      for (const [i, fan] of fans.entries()) {
        await emitEvent(tx, { type: "content.post.liked", payload: { postId: note.id, userId: fan.id, authorId: author.id, categoryId: null }, occurredAt: clock.now() });
        if (i === 10) bad = await emitEvent(tx, { type: "content.post.liked", payload: { postId: note.id, userId: "not-a-uuid" }, occurredAt: clock.now() });
      }
    });
    const runner = createJobRunner({
      db: db.handle.db,
      logger: createLogger({ level: "silent" }),
      clock,
      consumers: pointsConsumers,
      context: { config: ctx.config, realtime: ctx.realtime },
    });
    const pass = await runner.drain();
    expect(pass.delivered).toBeGreaterThanOrEqual(30);
    expect(pass.retrying).toBe(1);
    expect(await balanceOf(db.handle.db, userAccount(author.id, "points"))).toBe(30);
    const [failed] = await db.handle.db.select().from(outboxDeliveries).where(eq(outboxDeliveries.eventId, bad));
    expect(failed).toMatchObject({ status: "pending", attempts: 1 });
    expect(failed!.lastError).toContain("unexpected payload");
    const [paid] = (await db.handle.db.execute(sql`select count(*)::int as n from journal_entries where user_id = ${author.id}`)) as unknown as { n: number }[];
    expect(paid!.n).toBe(30);
  });
});
