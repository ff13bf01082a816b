import { products, type Role } from "../../db/schema";
import { confirmDueOrders, createOrder, payOrder, refundOrder } from "../../server/commerce/orders";
import { createMembershipPlan, type CreatePlanInput } from "../../server/commerce/membership";
import { membershipConsumers } from "../../server/commerce/membership/consumers";
import { membershipSchedules } from "../../server/commerce/membership/schedules";
import { fraudConsumers } from "../../server/distribution/fraud/consumers";
import { rightsConsumers } from "../../server/distribution/rights/consumers";
import { rightsSchedules } from "../../server/distribution/rights/schedules";
import { dailyCheckIn } from "../../server/gamification/checkin";
import type { CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import type { Schedule } from "../../server/jobs/schedule";
import type { FixedClock } from "../../server/shared/clock";
import { createTestUser, uniqueHandle } from "../factories/users";
import type { createTestContext } from "../setup/context";

export const DAY_MS = 86_400_000;
type Ctx = ReturnType<typeof createTestContext> & { clock: FixedClock };

/**
 * What the rights, membership and fraud tests share: members, products, orders through the real shop
 * (createOrder → payOrder with the sandbox provider → confirmDueOrders / refundOrder), and the outbox
 * delivered to the real consumers of rights, memberships and fraud signals.
 */
export function rightsFixtures(ctx: Ctx) {
  const db = ctx.db;
  let staff: CurrentUser | null = null;

  const member = async (roles: Role[] = []) => (await createTestUser(db, { now: ctx.clock.now(), roles, handle: uniqueHandle("d") })).user;
  const staffUser = async () => (staff ??= await member(["staff"]));

  async function product(priceCents: number, stock = 100) {
    const now = ctx.clock.now();
    const [row] = await db
      .insert(products)
      .values({ title: `测试商品 ${priceCents}`, priceCents, stock, commissionRateBp: 1000, createdAt: now, updatedAt: now })
      .returning();
    return row!;
  }

  /** Buys and pays one unit of a fresh product at this price. */
  async function buy(buyer: CurrentUser, priceCents: number, options: { visitorId?: string } = {}) {
    const p = await product(priceCents);
    const order = await createOrder(ctx, buyer, { productId: p.id, quantity: 1 }, { visitorId: options.visitorId ?? null });
    return payOrder(ctx, buyer, order.id);
  }

  const refund = async (orderId: string, amountCents?: number) =>
    refundOrder(ctx, await staffUser(), orderId, { amountCents, reason: "测试退款" });

  const confirmDue = () => confirmDueOrders(db, { now: ctx.clock.now() });

  const runner = createJobRunner({
    db,
    logger: ctx.logger,
    clock: ctx.clock,
    consumers: [...rightsConsumers, ...membershipConsumers, ...fraudConsumers],
    context: { config: ctx.config, realtime: ctx.realtime },
  });
  const drain = () => runner.drain();

  /** Runs one scheduled job now, as the scheduler would. */
  const runSchedule = (schedule: Schedule) =>
    schedule.run({ db, clock: ctx.clock, logger: ctx.logger, realtime: ctx.realtime, config: ctx.config, slot: ctx.clock.now().toISOString(), scheduledFor: ctx.clock.now() });
  const recheckRights = () => runSchedule(rightsSchedules[0]!);
  const expireMemberships = () => runSchedule(membershipSchedules[0]!);
  const grantMonthlyPoints = () => runSchedule(membershipSchedules[1]!);

  /** Checks in today and on each of the next days (n in all); the clock ends on the day after the last. */
  async function checkInDays(user: CurrentUser, n: number) {
    for (let i = 0; i < n; i++) {
      await dailyCheckIn(ctx, user);
      ctx.clock.advance(DAY_MS);
    }
  }

  async function plan(overrides: Partial<CreatePlanInput> = {}) {
    return createMembershipPlan(ctx, await staffUser(), {
      nameZh: "月卡",
      nameEn: "Monthly",
      priceCents: 1_900,
      durationDays: 30,
      benefits: { distributionRights: true, pointsMultiplierBp: 12_000, monthlyPoints: 100, birthdayGift: "" },
      ...overrides,
    });
  }

  return { member, staffUser, product, buy, refund, confirmDue, drain, recheckRights, expireMemberships, grantMonthlyPoints, checkInDays, plan };
}
