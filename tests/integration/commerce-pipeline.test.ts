import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissions, orders } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { confirmDueOrders, createOrder, ingestExternalOrder, payOrder, refundOrder, signBody, createExternalStore } from "../../server/commerce";
import { recordClick } from "../../server/distribution/attribution/record-click";
import { commissionsConsumers } from "../../server/distribution/commissions/consumers";
import { creatorEarnings, creatorPending } from "../../server/distribution/commissions/accounts";
import type { CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import { balanceOf, checkLedgerInvariants } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createTestProduct } from "../factories/commerce";
import { createTestLink } from "../factories/distribution-earnings";
import { grantDistributionRights } from "../factories/distribution-links";
import { createTestUser, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const DAY = 86_400_000;
const DAY0 = new Date("2026-11-02T02:00:00Z");

/**
 * Shop orders and external orders through the real pipeline: a click recorded as /d/<code> records it,
 * checkout attribution on the injected clock, payment, then the commission consumers run by the job
 * runner — so the shop's events are what commission actually reads.
 */
describe("orders → attribution → commission, on the injected clock", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock(DAY0);
  let staff: CurrentUser;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock });
    staff = (await createTestUser(db.handle.db, { now: clock.now(), roles: ["staff"], handle: uniqueHandle("st") })).user;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const at = (when: Date) => ({ ...server.ctx, clock: new FixedClock(when) });
  const person = async (prefix: string) => (await createTestUser(db.handle.db, { now: DAY0, handle: uniqueHandle(prefix) })).user;
  async function creatorWithLink(productId: string) {
    const creator = (await createTestUser(db.handle.db, { now: DAY0, roles: ["creator"], handle: uniqueHandle("cr") })).user;
    await grantDistributionRights(db.handle.db, creator.id, "creator", DAY0);
    const { link } = await createTestLink(db.handle.db, creator.id, { productId, now: DAY0 });
    return { creator, link };
  }
  const click = (code: string, visitorId: string | null, when: Date) =>
    recordClick(at(when), { code, visitorId, sessionId: null, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)", referrer: null, ip: "203.0.113.7" });
  const drain = () => createJobRunner({ db: db.handle.db, logger: server.ctx.logger, clock, consumers: commissionsConsumers, context: { config: server.ctx.config, realtime: server.ctx.realtime } }).drain();

  it("credits a click from day 0 on an order at day 6, and not at day 8", async () => {
    const product = await createTestProduct(db.handle.db, { priceCents: 10_000, commissionRateBp: 1_000 });
    const { creator, link } = await creatorWithLink(product.id);
    const visit = await click(link.code, null, DAY0);
    const buyer = await person("b6");
    const credited = await createOrder(at(new Date(DAY0.getTime() + 6 * DAY)), buyer, { productId: product.id, quantity: 1 }, { visitorId: visit!.visitorId });
    const late = await createOrder(at(new Date(DAY0.getTime() + 8 * DAY)), buyer, { productId: product.id, quantity: 1 }, { visitorId: visit!.visitorId });
    const rows = await db.handle.db.select({ id: orders.id, creatorId: orders.creatorId, linkId: orders.linkId }).from(orders).where(eq(orders.buyerId, buyer.id));
    expect(rows.find((r) => r.id === credited.id)).toMatchObject({ creatorId: creator.id, linkId: link.id });
    expect(rows.find((r) => r.id === late.id)).toMatchObject({ creatorId: null, linkId: null });
  });

  it("gives nothing for buying through one's own link, and the last click between two creators wins", async () => {
    const product = await createTestProduct(db.handle.db, { priceCents: 10_000 });
    const a = await creatorWithLink(product.id);
    const b = await creatorWithLink(product.id);
    const own = await click(a.link.code, null, DAY0);
    const self = await createOrder(at(new Date(DAY0.getTime() + DAY)), a.creator, { productId: product.id, quantity: 1 }, { visitorId: own!.visitorId });
    expect((await db.handle.db.select().from(orders).where(eq(orders.id, self.id)))[0]!.creatorId).toBeNull();

    const first = await click(a.link.code, null, new Date(DAY0.getTime() + DAY));
    await click(b.link.code, first!.visitorId, new Date(DAY0.getTime() + 2 * DAY));
    const buyer = await person("lc");
    const placed = await createOrder(at(new Date(DAY0.getTime() + 3 * DAY)), buyer, { productId: product.id, quantity: 1 }, { visitorId: first!.visitorId });
    expect((await db.handle.db.select().from(orders).where(eq(orders.id, placed.id)))[0]!.creatorId).toBe(b.creator.id);
  });

  it("turns a paid shop order into a pending commission, confirms it after the holding period, and a refund after that takes it back", async () => {
    const product = await createTestProduct(db.handle.db, { priceCents: 12_900, commissionRateBp: 1_200 });
    const { creator, link } = await creatorWithLink(product.id);
    const visit = await click(link.code, null, DAY0);
    const buyer = await person("pp");
    const paidAt = new Date(DAY0.getTime() + DAY);
    const placed = await createOrder(at(paidAt), buyer, { productId: product.id, quantity: 2 }, { visitorId: visit!.visitorId });
    await payOrder(at(paidAt), buyer, placed.id);
    await drain();
    const [commission] = await db.handle.db.select().from(commissions).where(and(eq(commissions.orderId, placed.id), eq(commissions.creatorId, creator.id)));
    // ⌊25,800 × 12 %⌋ = 3,096 cents.
    expect(commission).toMatchObject({ amountCents: 3_096, status: "pending" });
    expect(await balanceOf(db.handle.db, creatorPending(creator.id))).toBe(3_096);

    await confirmDueOrders(db.handle.db, { now: new Date(paidAt.getTime() + 7 * DAY) });
    await drain();
    expect(await balanceOf(db.handle.db, creatorEarnings(creator.id))).toBe(3_096);

    await refundOrder(at(new Date(paidAt.getTime() + 8 * DAY)), staff, placed.id, { amountCents: 12_900, reason: "退一件", requestKey: "pipeline-refund-1" });
    await drain();
    expect(await balanceOf(db.handle.db, creatorEarnings(creator.id))).toBe(1_548);
    const invariants = await checkLedgerInvariants(db.handle.db);
    expect(invariants.ok, JSON.stringify(invariants)).toBe(true);
  });

  it("credits an external store's order through the visitor id it passes on, once however often it is delivered", async () => {
    const product = await createTestProduct(db.handle.db, { priceCents: 5_000, commissionRateBp: 2_000 });
    const { creator, link } = await creatorWithLink(product.id);
    const visit = await click(link.code, null, DAY0);
    const { secret } = await createExternalStore(server.ctx, staff, { slug: "pipeline-store", name: "外部店铺" });
    const raw = Buffer.from(
      JSON.stringify({
        externalOrderId: "P-1",
        status: "paid",
        totalCents: 5_000,
        lines: [{ productId: product.id, title: "同款", quantity: 1, unitPriceCents: 5_000 }],
        visitorId: visit!.visitorId,
        occurredAt: new Date(DAY0.getTime() + DAY).toISOString(),
      }),
    );
    for (let i = 0; i < 3; i++) await ingestExternalOrder(server.ctx, { storeSlug: "pipeline-store", rawBody: raw, signature: signBody(secret, raw) });
    await drain();
    const rows = await db.handle.db.select().from(commissions).where(eq(commissions.creatorId, creator.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.amountCents).toBe(1_000);
  });
});
