import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, fraudFlags, orders } from "../../db/schema";
import { detectRefundRate, isFlagged, listFraudFlags, resolveFraudFlag } from "../../server/distribution/fraud";
import { recordClick } from "../../server/distribution/attribution/record-click";
import { createDistributionLink } from "../../server/distribution/links";
import { syncDistributionRights } from "../../server/distribution/rights";
import type { CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { DAY_MS, rightsFixtures } from "./distribution-rights-fixtures";

const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

describe("fraud signals: self-purchase, click floods and refund rate raise exactly one open flag", () => {
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

  const openFlags = (u: CurrentUser) => db.handle.db.select().from(fraudFlags).where(and(eq(fraudFlags.userId, u.id), isNull(fraudFlags.resolvedAt)));

  /** The attribution, which buyers' order views don't show. */
  const linkOf = async (orderId: string) => (await db.handle.db.select({ linkId: orders.linkId }).from(orders).where(eq(orders.id, orderId)))[0]!.linkId;

  async function creatorWithLink(priceCents = 10_000) {
    const creator = await f.member(["creator"]);
    await db.handle.db.transaction((tx) => syncDistributionRights(tx, creator.id, ctx.clock.now(), { reason: "test" }));
    const product = await f.product(priceCents);
    const { link } = await createDistributionLink(ctx, creator, { targetType: "product", targetId: product.id });
    return { creator, product, link };
  }

  const click = (code: string, visitorId: string | null, ip = "203.0.113.7") => recordClick(ctx, { code, visitorId, sessionId: null, userAgent: PHONE, referrer: null, ip });

  it("flags a creator who buys after clicking their own link, once however often the paid event arrives", async () => {
    const { creator, product, link } = await creatorWithLink();
    const visit = await click(link.code, null);
    ctx.clock.advance(60_000);
    const { createOrder, payOrder } = await import("../../server/commerce/orders");
    const order = await createOrder(ctx, creator, { productId: product.id, quantity: 1 }, { visitorId: visit!.visitorId });
    expect(await linkOf(order.id)).toBeNull(); // attribution already refuses one's own link
    await payOrder(ctx, creator, order.id);
    await f.drain();
    const flags = await openFlags(creator);
    expect(flags.map((x) => [x.kind, x.details.orderId, x.details.linkId])).toEqual([["self_purchase", order.id, link.id]]);
    expect(await isFlagged(db.handle.db, creator.id)).toBe(true);

    // A second self-purchase refreshes the same open flag.
    const again = await createOrder(ctx, creator, { productId: product.id, quantity: 1 }, { visitorId: visit!.visitorId });
    await payOrder(ctx, creator, again.id);
    await f.drain();
    const after = await openFlags(creator);
    expect(after).toHaveLength(1);
    expect(after[0]!.details.orderId).toBe(again.id);
  });

  it("does not flag an ordinary buyer who came through someone else's link", async () => {
    const { link, product } = await creatorWithLink();
    const buyer = await f.member();
    const visit = await click(link.code, null, "198.51.100.4");
    const { createOrder, payOrder } = await import("../../server/commerce/orders");
    const order = await createOrder(ctx, buyer, { productId: product.id, quantity: 1 }, { visitorId: visit!.visitorId });
    expect(await linkOf(order.id)).toBe(link.id);
    await payOrder(ctx, buyer, order.id);
    await f.drain();
    expect(await openFlags(buyer)).toEqual([]);
  });

  it("flags a click flood (50 clicks an hour from one address) once, not 49 clicks", async () => {
    const { creator, link } = await creatorWithLink();
    const second = await creatorWithLink();
    for (let i = 0; i < 49; i++) await click(link.code, null, "192.0.2.50");
    const { clickFloodSchedule } = await import("../../server/distribution/fraud/schedules");
    const run = () =>
      clickFloodSchedule.run({ db: db.handle.db, clock: ctx.clock, logger: ctx.logger, realtime: ctx.realtime, config: ctx.config, slot: "t", scheduledFor: ctx.clock.now() });
    await run();
    expect(await openFlags(creator)).toEqual([]);
    await click(link.code, null, "192.0.2.50");
    // The same address on another creator's link counts for that creator alone.
    for (let i = 0; i < 10; i++) await click(second.link.code, null, "192.0.2.50");
    await Promise.all([run(), run(), run()]);
    const flags = await openFlags(creator);
    expect(flags.map((x) => [x.kind, x.details.clicks])).toEqual([["click_flood", 50]]);
    expect(await openFlags(second.creator)).toEqual([]);
    // An hour later the window has moved on: nothing new.
    ctx.clock.advance(61 * 60_000);
    await run();
    expect(await openFlags(creator)).toHaveLength(1);
  });

  it("flags a creator whose attributed orders are ≥ 25 % refunded over 30 days (at least 4 orders), once under racing refunds", async () => {
    const { creator, product, link } = await creatorWithLink(5_000);
    const { createOrder, payOrder } = await import("../../server/commerce/orders");
    const orders: string[] = [];
    async function attributedOrder() {
      const buyer = await f.member();
      const visit = await click(link.code, null, `198.51.100.${orders.length + 10}`);
      const o = await createOrder(ctx, buyer, { productId: product.id, quantity: 1 }, { visitorId: visit!.visitorId });
      expect(await linkOf(o.id)).toBe(link.id);
      await payOrder(ctx, buyer, o.id);
      orders.push(o.id);
    }
    for (let i = 0; i < 3; i++) await attributedOrder();
    await f.refund(orders[0]!);
    await f.drain();
    expect(await openFlags(creator)).toEqual([]); // 1 of 3: too few orders to judge

    for (let i = 0; i < 5; i++) await attributedOrder();
    await f.refund(orders[1]!, 1_000); // 2 of 8 = 25 %
    await f.drain();
    expect((await openFlags(creator)).map((x) => [x.kind, x.details.orders, x.details.refunded])).toEqual([["refund_rate", 8, 2]]);

    await Promise.all(Array.from({ length: 10 }, () => db.handle.db.transaction((tx) => detectRefundRate(tx, { creatorId: creator.id, at: ctx.clock.now(), now: ctx.clock.now() }))));
    expect(await openFlags(creator)).toHaveLength(1);

    // Thirty days on, those orders are out of the window.
    ctx.clock.advance(31 * DAY_MS);
    const fresh = await db.handle.db.transaction((tx) => detectRefundRate(tx, { creatorId: creator.id, at: ctx.clock.now(), now: ctx.clock.now() }));
    expect(fresh).toBe(false);
  });

  it("lets staff resolve an open flag with a note (audited, once); payouts stop waiting; a new signal opens a new flag", async () => {
    const staff = await f.staffUser();
    const { creator, link } = await creatorWithLink();
    for (let i = 0; i < 50; i++) await click(link.code, null, "192.0.2.99");
    const { detectClickFloods } = await import("../../server/distribution/fraud");
    await db.handle.db.transaction((tx) => detectClickFloods(tx, ctx.clock.now()));
    const [flag] = await openFlags(creator);
    expect((await listFraudFlags(ctx, staff)).map((x) => x.id)).toContain(flag!.id);

    const member = await f.member();
    await expect(resolveFraudFlag(ctx, member, flag!.id, { note: "我自己解决" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resolveFraudFlag(ctx, staff, flag!.id, { note: "  " })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await isFlagged(db.handle.db, creator.id)).toBe(true);

    const results = await Promise.allSettled(Array.from({ length: 5 }, () => resolveFraudFlag(ctx, staff, flag!.id, { note: "同一网吧的正常访问，已核实" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT"]);
    expect(await isFlagged(db.handle.db, creator.id)).toBe(false);
    const audits = await db.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, flag!.id));
    expect(audits.map((a) => a.action)).toEqual(["distribution.fraudFlag.resolved"]);
    expect((await listFraudFlags(ctx, staff, { status: "resolved" })).find((x) => x.id === flag!.id)).toMatchObject({ resolution: "同一网吧的正常访问，已核实", resolvedBy: { id: staff.id } });

    await db.handle.db.transaction((tx) => detectClickFloods(tx, ctx.clock.now()));
    const reopened = await openFlags(creator);
    expect(reopened).toHaveLength(1);
    expect(reopened[0]!.id).not.toBe(flag!.id);
  });
});
