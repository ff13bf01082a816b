import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as earningsPage from "../../app/routes/me.earnings";
import type { AppLoadContext } from "@remix-run/node";
import { commissions, distributionLinks, linkClicks, orders, outboxEvents, payouts } from "../../db/schema";
import type { DemoSeedState } from "../../db/seed/demo";
import { earningsSeedSteps } from "../../db/seed/distribution/commissions";
import { ORDER_CONFIRMED, confirmDueOrders, refundOrder } from "../../server/commerce";
import { commissionsConsumers, getEarningsSummary } from "../../server/distribution";
import { creatorEarnings, creatorPending } from "../../server/distribution/commissions/accounts";
import type { CurrentUser } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { createJobRunner } from "../../server/jobs/runner";
import { balanceOf, checkLedgerInvariants } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { asRoute, routeCaller } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/** The demo's earnings step, run alone on the demo accounts it is about. */
describe("demo earnings seed", () => {
  let db: TestDatabase;
  const clock = new FixedClock("2026-11-23T02:00:00Z");
  let ctx: ReturnType<typeof createTestContext>;
  let creator: CurrentUser;
  let staff: CurrentUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db, { clock });
    const now = clock.now();
    creator = (await createTestUser(ctx.db, { handle: "creator", roles: ["creator"], now })).user;
    staff = (await createTestUser(ctx.db, { handle: "staff", roles: ["staff"], now })).user;
    const member = (await createTestUser(ctx.db, { handle: "member", now })).user;
    const state: DemoSeedState = { users: { creator, staff, member } };
    await ctx.db.transaction(async (tx) => {
      for (const step of earningsSeedSteps) await step.run(tx, ctx, state);
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("gives the demo creator commissions in every state, a paid payout and one waiting, and the jobs change nothing of it", async () => {
    const now = clock.now();
    const rows = await ctx.db.select().from(commissions).where(eq(commissions.creatorId, creator.id));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["pending", "confirmed", "paid", "reversed"]));
    expect(rows.some((r) => r.reversedCents > 0 && r.status !== "reversed")).toBe(true); // the partial refund
    const mine = await ctx.db.select().from(payouts).where(eq(payouts.ownerId, creator.id));
    expect(mine.map((p) => p.status).sort()).toEqual(["paid", "requested"]);

    const before = await getEarningsSummary(ctx, creator);
    expect(before.pendingCents).toBeGreaterThan(0);
    expect(before.paidCents).toBeGreaterThanOrEqual(5_000);
    expect(before.inPayoutCents).toBeGreaterThanOrEqual(5_000);
    expect(before.chart.filter((d) => d.earnedCents > 0).length).toBeGreaterThanOrEqual(5);

    // The first start's jobs deliver the same events again: nothing doubles.
    await createJobRunner({ db: ctx.db, logger: createLogger({ level: "silent" }), clock, consumers: commissionsConsumers, context: { config: ctx.config, realtime: ctx.realtime } }).drain();
    expect(await getEarningsSummary(ctx, creator)).toEqual(before);
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);

    const session = await createSession(ctx.db, { userId: creator.id, now });
    const context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    const page = await (await routeCaller(context).get(asRoute(earningsPage), "/me/earnings", sessionCookie(ctx, session).split(";")[0]!)).json();
    expect(page.page.items.length).toBeGreaterThanOrEqual(8);
    expect(page.payouts).toHaveLength(2);
  });

  it("moves every order through the shop's life cycle, so its row tells what its commissions tell", async () => {
    const mine = await ctx.db.select().from(orders).where(eq(orders.creatorId, creator.id));
    expect(mine.length).toBeGreaterThanOrEqual(8);
    expect(new Set(mine.map((o) => o.status))).toEqual(new Set(["paid", "confirmed", "partially_refunded", "refunded"]));
    const byOrder = await ctx.db.select().from(commissions).where(inArray(commissions.orderId, mine.map((o) => o.id)));
    for (const order of mine) {
      const label = `${order.number} (${order.status})`;
      const own = byOrder.filter((c) => c.orderId === order.id);
      expect(own.length, label).toBeGreaterThan(0);
      expect(order.paidAt, label).not.toBeNull();
      // Attributed through a click on the creator's link, made by the visitor the order carries, before it was placed.
      const [click] = await ctx.db
        .select({ id: linkClicks.id })
        .from(linkClicks)
        .innerJoin(distributionLinks, eq(distributionLinks.id, linkClicks.linkId))
        .where(and(eq(linkClicks.linkId, order.linkId!), eq(linkClicks.visitorId, order.visitorId!), eq(distributionLinks.creatorId, creator.id), lte(linkClicks.at, order.createdAt)));
      expect(click, label).toBeDefined();
      const reversed = own.reduce((s, c) => s + c.reversedCents, 0);
      if (order.refundedCents === order.totalCents) {
        expect(order.status, label).toBe("refunded");
        expect(order.confirmedAt, label).toBeNull();
        expect(own.every((c) => c.status === "reversed"), label).toBe(true);
      } else if (order.refundedCents > 0) {
        expect(order.status, label).toBe("partially_refunded");
        expect(order.confirmedAt, label).not.toBeNull();
        expect(reversed, label).toBeGreaterThan(0);
        expect(own.every((c) => c.status === "confirmed" || c.status === "paid"), label).toBe(true);
      } else if (order.confirmedAt) {
        expect(order.status, label).toBe("confirmed");
        expect(reversed, label).toBe(0);
        expect(own.every((c) => c.status === "confirmed" || c.status === "paid"), label).toBe(true);
      } else {
        expect(order.status, label).toBe("paid");
        expect(order.confirmableAt!.getTime(), label).toBeGreaterThan(clock.now().getTime());
        expect(own.every((c) => c.status === "pending"), label).toBe(true);
      }
      if (order.confirmedAt) expect(order.confirmedAt.getTime(), label).toBe(order.confirmableAt!.getTime());
      if (reversed > 0) expect(order.refundedCents, label).toBeGreaterThan(0);
    }
  });

  it("leaves nothing for the first start's jobs: no order confirmed twice, no balance moved, nothing refundable twice", async () => {
    const count = async () => (await ctx.db.select({ id: orders.id }).from(orders).where(eq(orders.creatorId, creator.id))).length;
    const ordersBefore = await count();
    const summary = await getEarningsSummary(ctx, creator);
    const balances = async () => [await balanceOf(ctx.db, creatorEarnings(creator.id)), await balanceOf(ctx.db, creatorPending(creator.id))];
    const before = await balances();

    // The commerce confirmation job at the first start, and then every consumer of the commissions.
    expect(await confirmDueOrders(ctx.db, { now: clock.now() })).toEqual({ confirmed: 0 });
    await createJobRunner({ db: ctx.db, logger: createLogger({ level: "silent" }), clock, consumers: commissionsConsumers, context: { config: ctx.config, realtime: ctx.realtime } }).drain();
    // The step again (a second seeding attempt) finds the creator's orders there and adds nothing.
    await ctx.db.transaction(async (tx) => {
      for (const step of earningsSeedSteps) await step.run(tx, ctx, { users: { creator, staff } });
    });
    expect(await count()).toBe(ordersBefore);
    expect(await balances()).toEqual(before);
    expect(await getEarningsSummary(ctx, creator)).toEqual(summary);
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);

    const confirmedEvents = await ctx.db
      .select({ orderId: sql<string>`${outboxEvents.payload}->>'orderId'`, n: sql<number>`count(*)::int` })
      .from(outboxEvents)
      .where(eq(outboxEvents.type, ORDER_CONFIRMED))
      .groupBy(sql`${outboxEvents.payload}->>'orderId'`);
    const confirmedOrders = await ctx.db.select({ id: orders.id }).from(orders).where(and(eq(orders.creatorId, creator.id), sql`${orders.confirmedAt} is not null`));
    expect(confirmedOrders.length).toBeGreaterThanOrEqual(3);
    expect(confirmedEvents.filter((e) => e.n !== 1)).toEqual([]);
    expect(new Set(confirmedEvents.map((e) => e.orderId))).toEqual(new Set(confirmedOrders.map((o) => o.id)));

    // An order refunded in full, its commission reversed, can't be refunded again.
    const [refunded] = await ctx.db.select().from(orders).where(and(eq(orders.creatorId, creator.id), eq(orders.status, "refunded")));
    await expect(refundOrder(ctx, staff, refunded!.id, { reason: "再退一次" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
