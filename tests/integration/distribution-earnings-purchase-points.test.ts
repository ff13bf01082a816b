import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purchasePoints } from "../../server/gamification/points/purchase-points";
import type { CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import { balanceOf, checkLedgerInvariants, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { confirmOrder, createPaidOrder, refundOrder } from "../factories/distribution-earnings";
import { createTestProduct } from "../factories/commerce";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

describe("purchase points: pending at payment, spendable at confirmation, taken back by refunds", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  const clock = new FixedClock("2026-11-23T04:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 8 });
    ctx = createTestContext(db.handle.db, { clock });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const drain = () =>
    createJobRunner({ db: db.handle.db, logger: createLogger({ level: "silent" }), clock, consumers: [purchasePoints], context: { config: ctx.config, realtime: ctx.realtime } }).drain();
  const pts = (u: CurrentUser, kind = "available") => balanceOf(db.handle.db, userAccount(u.id, "points", kind));
  const buy = async (buyer: CurrentUser, cents: number) => {
    const product = await createTestProduct(db.handle.db);
    return createPaidOrder(db.handle.db, { buyerId: buyer.id, creatorId: null, linkId: null, paidAt: clock.now(), lines: [{ productId: product.id, unitPriceCents: cents, commissionRateBp: 1_000 }] });
  };

  it("awards a point per whole yuan as pending once, however often the event is delivered, and confirms it", async () => {
    const buyer = (await createTestUser(db.handle.db)).user;
    const order = await buy(buyer, 12_950); // ¥129.50 → 129
    await Promise.all([drain(), drain(), drain()]);
    expect([await pts(buyer, "pending"), await pts(buyer)]).toEqual([129, 0]);
    await confirmOrder(db.handle.db, order, clock.now());
    await confirmOrder(db.handle.db, order, clock.now());
    await drain();
    expect([await pts(buyer, "pending"), await pts(buyer)]).toEqual([0, 129]);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("takes back a partial refund's share of the points and the rest at the full refund, before or after confirmation", async () => {
    const early = (await createTestUser(db.handle.db)).user;
    const late = (await createTestUser(db.handle.db)).user;
    const a = await buy(early, 10_000);
    const b = await buy(late, 10_000);
    await drain();
    await refundOrder(db.handle.db, a, { perLine: [4_000], at: clock.now() });
    await drain();
    await drain(); // redelivered: nothing more
    expect(await pts(early, "pending")).toBe(60);
    await refundOrder(db.handle.db, a, { perLine: [6_000], refundedBeforeCents: 4_000, at: clock.now() });
    await confirmOrder(db.handle.db, a, clock.now());
    await confirmOrder(db.handle.db, b, clock.now());
    await drain();
    expect([await pts(early, "pending"), await pts(early)]).toEqual([0, 0]);
    expect(await pts(late)).toBe(100);
    // After confirmation: ¥33.33 of ¥100 refunded takes back 33 points (rounded down), the rest takes the other 67.
    await refundOrder(db.handle.db, b, { perLine: [3_333], at: clock.now() });
    await drain();
    expect(await pts(late)).toBe(67);
    await refundOrder(db.handle.db, b, { perLine: [6_667], refundedBeforeCents: 3_333, at: clock.now() });
    await drain();
    expect(await pts(late)).toBe(0);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });
});
