import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaigns, commissions } from "../../db/schema";
import { commissionsConsumers } from "../../server/distribution";
import { createJobRunner } from "../../server/jobs/runner";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { createPaidOrder, createTestLink } from "../factories/distribution-earnings";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const DAY = 86_400_000;

/*
 * A product push (推品) campaign raises the commission rate of its products for its window: the
 * platform's for every creator, a creator's own for their links only. The pipeline prices each line
 * at the rate in force when the order was paid.
 */
describe("commission during a product push", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  const clock = new FixedClock("2026-11-20T04:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db, { clock });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const drain = () =>
    createJobRunner({ db: db.handle.db, logger: createLogger({ level: "silent" }), clock, consumers: commissionsConsumers, context: { config: ctx.config, realtime: ctx.realtime } }).drain();

  it("adds the push's bonus rate to orders paid inside its window, for the creators it covers, and not after", async () => {
    const staff = (await createTestUser(db.handle.db, { roles: ["staff"] })).user;
    const creator = (await createTestUser(db.handle.db, { roles: ["creator"] })).user;
    const other = (await createTestUser(db.handle.db, { roles: ["creator"] })).user;
    const buyer = (await createTestUser(db.handle.db)).user;
    const { link, productId } = await createTestLink(db.handle.db, creator.id, { priceCents: 10_000, commissionRateBp: 1_000 });
    const { link: otherLink } = await createTestLink(db.handle.db, other.id, { productId });
    const start = new Date(clock.now().getTime() - DAY);
    const end = new Date(clock.now().getTime() + DAY);
    await db.handle.db.insert(campaigns).values([
      // The platform's push: +5 % for everyone; the creator's own: +8 % on their links only.
      { ownerType: "platform", type: "product_push", title: "双十二好物节", startsAt: start, endsAt: end, bonusRateBp: 500, productIds: [productId], createdBy: staff.id, createdAt: start, updatedAt: start },
      { ownerType: "creator", creatorId: creator.id, type: "product_push", title: "我的推品周", startsAt: start, endsAt: end, bonusRateBp: 800, productIds: [productId], createdBy: creator.id, createdAt: start, updatedAt: start },
    ]);
    const buy = (creatorId: string, linkId: string, paidAt: Date) =>
      createPaidOrder(db.handle.db, { buyerId: buyer.id, creatorId, linkId, paidAt, lines: [{ productId, unitPriceCents: 10_000, commissionRateBp: 1_000 }] });
    const during = await buy(creator.id, link.id, clock.now());
    const othersDuring = await buy(other.id, otherLink.id, clock.now());
    const after = await buy(creator.id, link.id, new Date(end.getTime() + 1));
    await drain();
    const amount = async (orderId: string) => (await db.handle.db.select().from(commissions).where(eq(commissions.orderId, orderId)))[0];
    // ¥100 × (10 % + the best push covering the link) — 18 % for the creator's own push, 15 % for the platform's, 10 % after.
    expect(await amount(during.orderId)).toMatchObject({ amountCents: 1_800, rateBp: 1_800 });
    expect(await amount(othersDuring.orderId)).toMatchObject({ amountCents: 1_500, rateBp: 1_500 });
    expect(await amount(after.orderId)).toMatchObject({ amountCents: 1_000, rateBp: 1_000 });
  });
});
