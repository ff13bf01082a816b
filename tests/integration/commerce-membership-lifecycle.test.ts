import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journalEntries, memberships, outboxEvents } from "../../db/schema";
import { activeMembershipAt, getMyMembership, listMembershipPlans, purchaseMembership, startMembership, updateMembershipPlan } from "../../server/commerce/membership";
import { payOrder } from "../../server/commerce/orders";
import type { CurrentUser } from "../../server/identity";
import { balanceOf, checkLedgerInvariants, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { DAY_MS, rightsFixtures } from "./distribution-rights-fixtures";

describe("membership: bought through an order, started when paid, renewed, refunded, expired", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext> & { clock: FixedClock };
  let f: ReturnType<typeof rightsFixtures>;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 8 });
    ctx = createTestContext(db.handle.db, { clock: new FixedClock("2026-11-02T02:00:00Z") }) as typeof ctx;
    f = rightsFixtures(ctx);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const periodsOf = (u: CurrentUser) => db.handle.db.select().from(memberships).where(eq(memberships.userId, u.id)).orderBy(memberships.startsAt);
  const eventsOf = async (type: string, u: CurrentUser) =>
    (await db.handle.db.select().from(outboxEvents).where(eq(outboxEvents.type, type)).orderBy(outboxEvents.id)).filter((e) => (e.payload as { userId: string }).userId === u.id);

  async function buyPlan(u: CurrentUser, planId: string) {
    const order = await purchaseMembership(ctx, u, planId);
    expect(order).toMatchObject({ kind: "membership", status: "pending", membershipPlanId: planId });
    return payOrder(ctx, u, order.id);
  }

  it("starts a period when the membership order is paid, not before, and says so on the member's page", async () => {
    const plan = await f.plan({ durationDays: 30 });
    const m = await f.member();
    const order = await purchaseMembership(ctx, m, plan.id);
    expect(order.totalCents).toBe(1_900);
    await f.drain();
    expect(await periodsOf(m)).toHaveLength(0);

    const paidAt = ctx.clock.now();
    await payOrder(ctx, m, order.id);
    await f.drain();
    const [period] = await periodsOf(m);
    expect(period).toMatchObject({ orderId: order.id, planId: plan.id, startsAt: paidAt, endsAt: new Date(paidAt.getTime() + 30 * DAY_MS) });
    expect(await eventsOf("commerce.membership.started", m)).toHaveLength(1);
    const mine = await getMyMembership(ctx, m, "zh-CN");
    expect(mine.current).toMatchObject({ planName: "月卡", endsAt: period!.endsAt.toISOString() });
    expect(mine.paidUntil).toBe(period!.endsAt.toISOString());
  });

  it("renews by extending: a second purchase starts where the first ends, and benefits apply as of each moment", async () => {
    const plan = await f.plan({ durationDays: 30 });
    const yearly = await f.plan({ nameZh: "年卡", nameEn: "Yearly", priceCents: 19_900, durationDays: 365 });
    const m = await f.member();
    const start = ctx.clock.now();
    await buyPlan(m, plan.id);
    await f.drain();
    ctx.clock.advance(10 * DAY_MS);
    await buyPlan(m, yearly.id);
    await f.drain();
    const [first, second] = await periodsOf(m);
    expect(second!.startsAt).toEqual(first!.endsAt);
    expect(second!.endsAt).toEqual(new Date(start.getTime() + (30 + 365) * DAY_MS));
    expect((await getMyMembership(ctx, m, "en")).paidUntil).toBe(second!.endsAt.toISOString());

    expect((await activeMembershipAt(db.handle.db, m.id, new Date(start.getTime() + 29 * DAY_MS)))?.nameEn).toBe("Monthly");
    expect((await activeMembershipAt(db.handle.db, m.id, new Date(start.getTime() + 31 * DAY_MS)))?.nameEn).toBe("Yearly");
    expect(await activeMembershipAt(db.handle.db, m.id, new Date(start.getTime() - 1000))).toBeNull();
    expect(await activeMembershipAt(db.handle.db, m.id, new Date(start.getTime() + 396 * DAY_MS))).toBeNull();
  });

  it("starts one period per order however often the paid event is delivered, and chains two paid at once", async () => {
    const plan = await f.plan({ durationDays: 30 });
    const m = await f.member();
    const a = await buyPlan(m, plan.id);
    const b = await buyPlan(m, plan.id);
    const now = ctx.clock.now();
    // Redeliveries of both orders' paid events, all at once.
    await Promise.all(
      [a, b, a, b, a, b].map((o) =>
        db.handle.db.transaction((tx) => startMembership(tx, { orderId: o.id, userId: m.id, planId: plan.id, paidAt: now, now })),
      ),
    );
    await f.drain();
    const periods = await periodsOf(m);
    expect(periods).toHaveLength(2);
    expect(periods[1]!.startsAt).toEqual(periods[0]!.endsAt);
    expect(await eventsOf("commerce.membership.started", m)).toHaveLength(2);
  });

  it("cancels the period of a fully refunded membership order (benefits stop then); a partial refund leaves it running", async () => {
    const plan = await f.plan({ durationDays: 30 });
    const m = await f.member();
    const order = await buyPlan(m, plan.id);
    await f.drain();
    ctx.clock.advance(DAY_MS);
    await f.refund(order.id, 500);
    await f.drain();
    expect((await periodsOf(m))[0]!.cancelledAt).toBeNull();

    ctx.clock.advance(DAY_MS);
    const refundedAt = ctx.clock.now();
    await f.refund(order.id);
    await f.drain();
    const [period] = await periodsOf(m);
    expect(period!.cancelledAt).toEqual(refundedAt);
    expect(await activeMembershipAt(db.handle.db, m.id, refundedAt)).toBeNull();
    expect((await activeMembershipAt(db.handle.db, m.id, new Date(refundedAt.getTime() - 1000)))?.planId).toBe(plan.id);
    expect(await eventsOf("commerce.membership.ended", m)).toHaveLength(1);
    expect((await getMyMembership(ctx, m, "en")).periods[0]!.status).toBe("cancelled");
  });

  it("ends periods whose time is up, once, and sends the ended event", async () => {
    const plan = await f.plan({ durationDays: 3 });
    const m = await f.member();
    await buyPlan(m, plan.id);
    await f.drain();
    ctx.clock.advance(3 * DAY_MS - 1000);
    await f.expireMemberships();
    expect((await periodsOf(m))[0]!.endedAt).toBeNull();
    ctx.clock.advance(2000);
    await Promise.all([f.expireMemberships(), f.expireMemberships(), f.expireMemberships()]);
    expect((await periodsOf(m))[0]!.endedAt).toEqual(ctx.clock.now());
    expect(await eventsOf("commerce.membership.ended", m)).toHaveLength(1);
    expect((await getMyMembership(ctx, m, "en")).current).toBeNull();
  });

  it("grants the plan's monthly points once per member and month, with a lot, keeping the ledger balanced", async () => {
    // Nov 20 10:00 Shanghai.
    ctx.clock.set("2026-11-20T02:00:00Z");
    const plan = await f.plan({ durationDays: 60, benefits: { distributionRights: false, pointsMultiplierBp: 10_000, monthlyPoints: 300, birthdayGift: "生日当月赠送小样礼盒" } });
    const m = await f.member();
    await buyPlan(m, plan.id);
    await f.drain();
    await Promise.all([f.grantMonthlyPoints(), f.grantMonthlyPoints()]);
    ctx.clock.advance(5 * DAY_MS);
    await f.grantMonthlyPoints();
    expect(await balanceOf(db.handle.db, userAccount(m.id, "points"))).toBe(300);
    // December pays again.
    ctx.clock.set("2026-12-01T01:00:00Z");
    await f.grantMonthlyPoints();
    expect(await balanceOf(db.handle.db, userAccount(m.id, "points"))).toBe(600);
    const keys = (await db.handle.db.select({ key: journalEntries.idempotencyKey }).from(journalEntries).where(and(eq(journalEntries.userId, m.id), like(journalEntries.idempotencyKey, "points:membership:%")))).map((r) => r.key);
    const [period] = await periodsOf(m);
    expect(keys.sort()).toEqual([`points:membership:${period!.id}:2026-11`, `points:membership:${period!.id}:2026-12`]);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("lists active plans only; a retired plan can't be bought", async () => {
    const plan = await f.plan({ nameZh: "季卡", nameEn: "Quarterly", durationDays: 90 });
    const staff = await f.staffUser();
    await updateMembershipPlan(ctx, staff, plan.id, { active: false });
    const listed = await listMembershipPlans(ctx, null, "en");
    expect(listed.map((p) => p.id)).not.toContain(plan.id);
    expect((await listMembershipPlans(ctx, staff, "en", { all: true })).map((p) => p.id)).toContain(plan.id);
    const m = await f.member();
    await expect(purchaseMembership(ctx, m, plan.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
