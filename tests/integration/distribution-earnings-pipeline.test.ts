import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissions, distributionLinks, outboxEvents, type OutboxEvent } from "../../db/schema";
import { commissionsConsumers, commissionsForPaidOrders, getEarningsSummary, listCommissions, payoutsConsumers } from "../../server/distribution";
import type { CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import { balanceOf, checkLedgerInvariants, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { rowsOf } from "../../server/shared/sql-rows";
import { confirmOrder, createPaidOrder, createTestLink, refundOrder } from "../factories/distribution-earnings";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const DAY = 86_400_000;

describe("commission pipeline: paid → pending, confirmed → withdrawable, refunded → reversed", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  const clock = new FixedClock("2026-11-20T04:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 12 });
    ctx = createTestContext(db.handle.db, { clock });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const member = async (roles: ("staff" | "creator")[] = []) => (await createTestUser(db.handle.db, { roles })).user;
  const runner = () =>
    createJobRunner({
      db: db.handle.db,
      logger: createLogger({ level: "silent" }),
      clock,
      consumers: [...commissionsConsumers, ...payoutsConsumers],
      context: { config: ctx.config, realtime: ctx.realtime },
    });
  const drain = () => runner().drain();
  const cny = (u: CurrentUser, kind: string) => balanceOf(db.handle.db, userAccount(u.id, "cny", kind));
  const summary = (u: CurrentUser) => getEarningsSummary(ctx, u);
  const rowsOfOrder = (orderId: string) => db.handle.db.select().from(commissions).where(eq(commissions.orderId, orderId)).orderBy(commissions.amountCents);
  /** The creator's earnings recomputed from the postings themselves, not the cached balance. */
  const postedSum = async (u: CurrentUser, kind: string) =>
    Number(
      rowsOf<{ s: string | null }>(
        await db.handle.db.execute(sql`
          select sum(p.amount) as s from postings p join ledger_accounts a on a.id = p.account_id
          where a.owner_type = 'user' and a.owner_id = ${u.id} and a.asset = 'cny' and a.kind = ${kind}`),
      )[0]?.s ?? 0,
    );

  it("pays a pending commission per line, floored to the cent, moves the link's counters and tells the creator live", async () => {
    const creator = await member(["creator"]);
    const buyer = await member();
    const { link, productId } = await createTestLink(db.handle.db, creator.id);
    const order = await createPaidOrder(db.handle.db, {
      buyerId: buyer.id,
      creatorId: creator.id,
      linkId: link.id,
      paidAt: clock.now(),
      lines: [
        { productId, unitPriceCents: 12_900, quantity: 2, commissionRateBp: 1_000 }, // 25,800 × 10 % = 2,580
        { productId: null, title: "旅行装", unitPriceCents: 999, commissionRateBp: 1_234 }, // 999 × 12.34 % = 123.2766 → 123
      ],
    });
    await drain();

    const rows = await rowsOfOrder(order.orderId);
    expect(rows.map((r) => [r.amountCents, r.status])).toEqual([
      [123, "pending"],
      [2_580, "pending"],
    ]);
    expect(await cny(creator, "pending")).toBe(2_703);
    expect(await cny(creator, "earnings")).toBe(0);
    const [stats] = await db.handle.db.select().from(distributionLinks).where(eq(distributionLinks.id, link.id));
    expect(stats).toMatchObject({ orders: 1, gmvCents: 26_799, commissionCents: 2_703 });
    const push = ctx.realtime.sent.find((s) => s.target === `user:${creator.id}` && s.event === "commission:created");
    expect(push?.payload).toMatchObject({ orderId: order.orderId, totalCents: 2_703, commissions: expect.arrayContaining([expect.objectContaining({ amountCents: 2_580, status: "pending" })]) });

    const s = await summary(creator);
    expect(s).toMatchObject({ pendingCents: 2_703, balanceCents: 0, lifetimeCents: 2_703, paidCents: 0 });
    expect(s.byLink).toEqual([expect.objectContaining({ linkId: link.id, code: link.code, orders: 1, gmvCents: 26_799, commissionCents: 2_703 })]);
    expect(s.chart).toHaveLength(30);
    expect(s.chart.at(-1)).toEqual({ date: "2026-11-20", earnedCents: 2_703, reversedCents: 0 });
    const page = await listCommissions(ctx, creator, {}, "zh-CN");
    expect(page.items[0]!.timeline).toEqual([expect.objectContaining({ reason: "created", reasonText: "订单已支付：佣金待结算" })]);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("creates one commission when the same paid event is delivered again and by racing workers", async () => {
    const creator = await member(["creator"]);
    const { link, productId } = await createTestLink(db.handle.db, creator.id);
    const order = await createPaidOrder(db.handle.db, {
      buyerId: (await member()).id,
      creatorId: creator.id,
      linkId: link.id,
      paidAt: clock.now(),
      lines: [{ productId, unitPriceCents: 10_000, commissionRateBp: 1_500 }],
    });
    const [event] = await db.handle.db.select().from(outboxEvents).where(sql`${outboxEvents.payload}->>'orderId' = ${order.orderId}`);
    const deliver = () => db.handle.db.transaction((tx) => commissionsForPaidOrders.handle(tx, event as OutboxEvent, { ...ctx, logger: ctx.logger }));
    await Promise.all([...Array.from({ length: 10 }, deliver), drain(), drain(), drain()]);
    expect((await rowsOfOrder(order.orderId)).map((r) => r.amountCents)).toEqual([1_500]);
    expect(await cny(creator, "pending")).toBe(1_500);
    const [stats] = await db.handle.db.select().from(distributionLinks).where(eq(distributionLinks.id, link.id));
    expect(stats).toMatchObject({ orders: 1, commissionCents: 1_500 });
  });

  it("earns nothing for an unattributed order or a purchase through one's own link", async () => {
    const creator = await member(["creator"]);
    const { link, productId } = await createTestLink(db.handle.db, creator.id);
    const own = await createPaidOrder(db.handle.db, { buyerId: creator.id, creatorId: creator.id, linkId: link.id, paidAt: clock.now(), lines: [{ productId, unitPriceCents: 9_900, commissionRateBp: 1_000 }] });
    const plain = await createPaidOrder(db.handle.db, { buyerId: (await member()).id, creatorId: null, linkId: null, paidAt: clock.now(), lines: [{ productId, unitPriceCents: 9_900, commissionRateBp: 1_000 }] });
    await refundOrder(db.handle.db, own, { perLine: [9_900], at: clock.now() });
    await confirmOrder(db.handle.db, plain, clock.now());
    await drain();
    expect(await rowsOfOrder(own.orderId)).toEqual([]);
    expect(await rowsOfOrder(plain.orderId)).toEqual([]);
    expect(await summary(creator)).toMatchObject({ pendingCents: 0, balanceCents: 0, lifetimeCents: 0 });
  });

  it("confirms after the holding period, reverses a partial refund in proportion and a later full refund exactly to zero", async () => {
    const creator = await member(["creator"]);
    const { link, productId } = await createTestLink(db.handle.db, creator.id);
    const paidAt = clock.now();
    const order = await createPaidOrder(db.handle.db, { buyerId: (await member()).id, creatorId: creator.id, linkId: link.id, paidAt, lines: [{ productId, unitPriceCents: 3_333, quantity: 3, commissionRateBp: 1_000 }] });
    await drain(); // 9,999 × 10 % = 999.9 → 999
    expect(await cny(creator, "pending")).toBe(999);

    // A third refunded while pending: ⌊999 × 3,333 / 9,999⌋ = 333 leaves pending.
    await refundOrder(db.handle.db, order, { perLine: [3_333], at: new Date(paidAt.getTime() + DAY) });
    await drain();
    expect(await cny(creator, "pending")).toBe(666);

    await confirmOrder(db.handle.db, order, new Date(paidAt.getTime() + 7 * DAY));
    await drain();
    expect([await cny(creator, "pending"), await cny(creator, "earnings")]).toEqual([0, 666]);

    // Another third after confirmation comes out of the withdrawable balance; ⌊999 × 6,666 / 9,999⌋ − 333 = 333.
    await refundOrder(db.handle.db, order, { perLine: [3_333], refundedBeforeCents: 3_333, at: new Date(paidAt.getTime() + 8 * DAY) });
    await drain();
    expect(await cny(creator, "earnings")).toBe(333);
    // The rest: the last third takes exactly what is left.
    await refundOrder(db.handle.db, order, { perLine: [3_333], refundedBeforeCents: 6_666, at: new Date(paidAt.getTime() + 9 * DAY) });
    await drain();
    expect(await cny(creator, "earnings")).toBe(0);
    const [row] = await rowsOfOrder(order.orderId);
    expect(row).toMatchObject({ status: "reversed", reversedCents: 999 });
    const page = await listCommissions(ctx, creator, {}, "en");
    expect(page.items[0]!.timeline.map((s) => [s.reason, s.amountCents])).toEqual([
      ["created", 999],
      ["reversed_partial", -333],
      ["confirmed", 666],
      ["reversed_partial", -333],
      ["reversed_full", -333],
    ]);
    const [stats] = await db.handle.db.select().from(distributionLinks).where(eq(distributionLinks.id, link.id));
    expect(stats!.commissionCents).toBe(0);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("ends consistent when a refund races the confirmation, whichever wins", async () => {
    for (let round = 0; round < 4; round++) {
      const creator = await member(["creator"]);
      const { link, productId } = await createTestLink(db.handle.db, creator.id);
      const order = await createPaidOrder(db.handle.db, { buyerId: (await member()).id, creatorId: creator.id, linkId: link.id, paidAt: clock.now(), lines: [{ productId, unitPriceCents: 20_000, commissionRateBp: 1_000 }] });
      await drain();
      const full = round % 2 === 0;
      await refundOrder(db.handle.db, order, { perLine: [full ? 20_000 : 5_000], at: clock.now() });
      await confirmOrder(db.handle.db, order, clock.now());
      await Promise.all([drain(), drain(), drain()]);
      const [row] = await rowsOfOrder(order.orderId);
      const left = full ? 0 : 1_500;
      expect(row!.amountCents - row!.reversedCents).toBe(left);
      expect(await cny(creator, "pending")).toBe(row!.status === "pending" ? left : 0);
      expect((await cny(creator, "pending")) + (await cny(creator, "earnings"))).toBe(left);
    }
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("waits for the commission when the refund is delivered before the paid event, then ends consistent", async () => {
    const creator = await member(["creator"]);
    const { link, productId } = await createTestLink(db.handle.db, creator.id);
    const order = await createPaidOrder(db.handle.db, { buyerId: (await member()).id, creatorId: creator.id, linkId: link.id, paidAt: clock.now(), lines: [{ productId, unitPriceCents: 10_000, commissionRateBp: 1_000 }] });
    const refund = await refundOrder(db.handle.db, order, { perLine: [10_000], at: clock.now() });
    const [refundEvent] = await db.handle.db.select().from(outboxEvents).where(sql`${outboxEvents.payload}->>'refundId' = ${refund.refundId}`);
    const reverse = commissionsConsumers.find((c) => c.name === "distribution.reverseCommissions")!;
    await expect(db.handle.db.transaction((tx) => reverse.handle(tx, refundEvent as OutboxEvent, { ...ctx, logger: ctx.logger }))).rejects.toThrow(/before its commissions/);
    await drain();
    const [row] = await rowsOfOrder(order.orderId);
    expect(row).toMatchObject({ amountCents: 1_000, reversedCents: 1_000, status: "reversed" });
    expect(await cny(creator, "pending")).toBe(0);
  });

  it("shows a balance equal to the sum of each creator's commission postings", async () => {
    const creators = rowsOf<{ creator_id: string }>(await db.handle.db.execute(sql`select distinct creator_id from commissions`));
    expect(creators.length).toBeGreaterThan(4);
    for (const { creator_id } of creators) {
      const u = { id: creator_id, roles: ["creator"] } as unknown as CurrentUser;
      const s = await summary(u);
      expect(s.balanceCents).toBe(await postedSum(u, "earnings"));
      expect(s.pendingCents).toBe(await postedSum(u, "pending"));
      const net = rowsOf<{ n: string | null }>(
        await db.handle.db.execute(sql`
          select sum(e.amount_cents) as n from commission_events e join commissions c on c.id = e.commission_id
          where c.creator_id = ${creator_id} and e.reason in ('created', 'reversed_full', 'reversed_partial', 'clawed_back')`),
      )[0]?.n;
      expect(s.lifetimeCents).toBe(Number(net ?? 0));
    }
  });
});
