import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distributionRights, distributionRightsHistory, outboxEvents } from "../../db/schema";
import { payOrder } from "../../server/commerce/orders";
import { purchaseMembership } from "../../server/commerce/membership";
import { getMyDistributionRights, hasDistributionRights, syncDistributionRights, updateEligibilitySettings, DEFAULT_ELIGIBILITY_SETTINGS } from "../../server/distribution/rights";
import type { CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { DAY_MS, rightsFixtures } from "./distribution-rights-fixtures";

describe("distribution rights: each path grants, and lapses revoke (injected clock)", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext> & { clock: FixedClock };
  let f: ReturnType<typeof rightsFixtures>;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
    // Monday 10:00 in Shanghai.
    ctx = createTestContext(db.handle.db, { clock: new FixedClock("2026-11-02T02:00:00Z") }) as typeof ctx;
    f = rightsFixtures(ctx);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const pathOf = async (u: CurrentUser) => (await db.handle.db.select().from(distributionRights).where(eq(distributionRights.userId, u.id)))[0]?.path ?? null;
  const historyOf = async (u: CurrentUser) =>
    (await db.handle.db.select().from(distributionRightsHistory).where(eq(distributionRightsHistory.userId, u.id)).orderBy(distributionRightsHistory.at)).map((h) => [h.fromPath, h.toPath, h.reason]);
  const view = (u: CurrentUser, locale: "en" | "zh-CN" = "en") => getMyDistributionRights(ctx, u, locale);
  const missingOf = async (u: CurrentUser, locale: "en" | "zh-CN" = "en") =>
    (await view(u, locale)).paths.find((p) => p.path === "tasks")!.requirements.map((r) => r.missingText);

  it("grants the tasks path on the check-in and the confirmation that complete it, saying what is missing until then", async () => {
    const m = await f.member();
    await f.checkInDays(m, 5);
    await f.drain();
    expect(await pathOf(m)).toBeNull();
    expect(await missingOf(m)).toEqual(["2 more check-in days", "¥99 more of confirmed purchases"]);
    expect(await missingOf(m, "zh-CN")).toEqual(["还差 2 天签到", "还差 ¥99 已确认消费"]);

    // ¥65 paid today counts only once it confirms, seven days later.
    const order = await f.buy(m, 6_500);
    await f.drain();
    expect(await missingOf(m)).toEqual(["2 more check-in days", "¥99 more of confirmed purchases"]);
    ctx.clock.advance(7 * DAY_MS + 1000);
    await f.confirmDue();
    await f.drain();
    expect(await missingOf(m)).toEqual(["2 more check-in days", "¥34 more of confirmed purchases"]);
    expect(order.status).toBe("paid");

    const second = await f.buy(m, 4_000);
    ctx.clock.advance(7 * DAY_MS + 1000);
    await f.confirmDue();
    await f.drain();
    expect(await pathOf(m)).toBeNull(); // ¥105 confirmed, but only 5 of 7 days
    // 5 days checked in ~15 days ago, still in the 30-day window; two more complete it.
    await f.checkInDays(m, 1);
    await f.drain();
    expect(await pathOf(m)).toBeNull();
    await f.checkInDays(m, 1);
    await f.drain();
    expect(await pathOf(m)).toBe("tasks");
    expect(await hasDistributionRights(db.handle.db, m.id)).toBe(true);
    expect(await missingOf(m)).toEqual([null, null]);

    // A refund that drops confirmed purchases below ¥99 (¥105 − ¥40 = ¥65) revokes at once.
    await f.refund(second.id);
    await f.drain();
    expect(await pathOf(m)).toBeNull();
    expect(await hasDistributionRights(db.handle.db, m.id)).toBe(false);
    expect(await historyOf(m)).toEqual([
      [null, "tasks", "gamification.checkin.recorded"],
      ["tasks", null, "commerce.order.refunded"],
    ]);
    const changes = await db.handle.db.select().from(outboxEvents).where(eq(outboxEvents.type, "distribution.rights.changed")).orderBy(outboxEvents.id);
    expect(changes.filter((e) => (e.payload as { userId: string }).userId === m.id).map((e) => (e.payload as { toPath: string | null }).toPath)).toEqual(["tasks", null]);
  });

  it("grants the tasks path when the order that completes it confirms, with no other event", async () => {
    const m = await f.member();
    await f.checkInDays(m, 7);
    await f.buy(m, 9_900);
    await f.drain();
    expect(await pathOf(m)).toBeNull();
    ctx.clock.advance(7 * DAY_MS + 1000);
    await f.confirmDue();
    await f.drain();
    expect(await pathOf(m)).toBe("tasks");
    expect((await historyOf(m)).at(-1)).toEqual([null, "tasks", "commerce.order.confirmed"]);
  });

  it("revokes the tasks path when check-in days fall out of the 30-day window (the nightly re-check)", async () => {
    const m = await f.member();
    await f.buy(m, 9_900);
    ctx.clock.advance(7 * DAY_MS + 1000);
    await f.confirmDue();
    await f.checkInDays(m, 7);
    await f.drain();
    expect(await pathOf(m)).toBe("tasks");

    // Day 29 after the first check-in: all 7 days are still inside the window.
    ctx.clock.advance(22 * DAY_MS);
    await f.recheckRights();
    expect(await pathOf(m)).toBe("tasks");
    // One day later the first check-in has left the window: 6 of 7.
    ctx.clock.advance(DAY_MS);
    await f.recheckRights();
    expect(await pathOf(m)).toBeNull();
    expect((await historyOf(m)).at(-1)).toEqual(["tasks", null, "schedule"]);
    expect(await missingOf(m)).toEqual(["1 more check-in days", null]);
  });

  it("grants the membership path while a plan with the right runs, and revokes when it ends", async () => {
    const plan = await f.plan({ durationDays: 30 });
    const noRights = await f.plan({ nameZh: "普通", nameEn: "Basic", benefits: { distributionRights: false, pointsMultiplierBp: 10_000, monthlyPoints: 0, birthdayGift: "" } });
    const m = await f.member();
    const basic = await purchaseMembership(ctx, m, noRights.id);
    await payOrder(ctx, m, basic.id);
    await f.drain();
    expect(await pathOf(m)).toBeNull();

    // Bought while Basic runs, the plan with the right starts where Basic ends: no rights yet.
    const order = await purchaseMembership(ctx, m, plan.id);
    await payOrder(ctx, m, order.id);
    await f.drain();
    expect(await pathOf(m)).toBeNull();
    expect((await view(m)).membership).toMatchObject({ name: "Basic", distributionRights: false });

    // Basic ends; the expiry job's event re-checks and the new period grants.
    ctx.clock.advance(30 * DAY_MS + 60_000);
    await f.expireMemberships();
    await f.drain();
    expect(await pathOf(m)).toBe("membership");
    expect((await view(m)).membership).toMatchObject({ name: "Monthly", distributionRights: true });

    ctx.clock.advance(30 * DAY_MS);
    await f.expireMemberships();
    await f.drain();
    expect(await pathOf(m)).toBeNull();
    expect((await historyOf(m)).at(-1)).toEqual(["membership", null, "commerce.membership.ended"]);
  });

  it("keeps the creator path however much time passes, and prefers it to any other path", async () => {
    const creator = await f.member(["creator"]);
    await db.handle.db.transaction((tx) => syncDistributionRights(tx, creator.id, ctx.clock.now(), { reason: "test" }));
    expect(await pathOf(creator)).toBe("creator");
    const plan = await f.plan();
    const order = await purchaseMembership(ctx, creator, plan.id);
    await payOrder(ctx, creator, order.id);
    await f.drain();
    expect(await pathOf(creator)).toBe("creator");

    ctx.clock.advance(400 * DAY_MS);
    await f.expireMemberships();
    await f.recheckRights();
    await f.drain();
    await db.handle.db.transaction((tx) => syncDistributionRights(tx, creator.id, ctx.clock.now(), { reason: "test" }));
    expect(await pathOf(creator)).toBe("creator");
    expect(await historyOf(creator)).toEqual([[null, "creator", "test"]]);
  });

  it("always gives staff rights (path staff), and applies staff's eligibility changes at the next re-check", async () => {
    const staff = await f.staffUser();
    expect((await view(staff)).path).toBe("staff");

    const m = await f.member();
    await f.buy(m, 10_000);
    ctx.clock.advance(7 * DAY_MS + 1000);
    await f.confirmDue();
    await f.checkInDays(m, 3);
    await f.drain();
    expect(await pathOf(m)).toBeNull();
    // Staff lower the bar to 3 days of the last 30: the member qualifies at their next look.
    await updateEligibilitySettings(ctx, staff, { ...DEFAULT_ELIGIBILITY_SETTINGS, tasks: { ...DEFAULT_ELIGIBILITY_SETTINGS.tasks, checkinDays: 3 } });
    expect((await view(m)).path).toBe("tasks");
    // Switching the tasks path off revokes at the nightly re-check.
    await updateEligibilitySettings(ctx, staff, { ...DEFAULT_ELIGIBILITY_SETTINGS, tasks: { ...DEFAULT_ELIGIBILITY_SETTINGS.tasks, enabled: false } });
    await f.recheckRights();
    expect(await pathOf(m)).toBeNull();
    await updateEligibilitySettings(ctx, staff, DEFAULT_ELIGIBILITY_SETTINGS);
  });

  it("writes one history row when many re-checks of one member race", async () => {
    const creator = await f.member(["creator"]);
    await Promise.all(Array.from({ length: 10 }, () => db.handle.db.transaction((tx) => syncDistributionRights(tx, creator.id, ctx.clock.now(), { reason: "race" }))));
    expect(await historyOf(creator)).toEqual([[null, "creator", "race"]]);
  });
});
