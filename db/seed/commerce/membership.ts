import { eq, sql } from "drizzle-orm";
import type { Transaction } from "../../client";
import { users } from "../../schema";
import type { AppContext } from "../../../server/context";
import { createMembershipPlan, grantMonthlyMembershipPoints, purchaseMembership, startMembership, type CreatePlanInput } from "../../../server/commerce/membership";
import { payOrder } from "../../../server/commerce/orders";
import { findCurrentUser } from "../../../server/identity";
import type { DemoSeedStep } from "../demo";

/** Three plans: the monthly card without distribution rights, the quarterly and yearly cards with them. */
export const DEMO_PLANS: CreatePlanInput[] = [
  {
    nameZh: "月卡",
    nameEn: "Monthly",
    descriptionZh: "先体验一个月：积分加成和每月赠送积分。",
    descriptionEn: "Try it for a month: a points boost and monthly points.",
    priceCents: 1_990,
    durationDays: 30,
    benefits: { distributionRights: false, pointsMultiplierBp: 11_000, monthlyPoints: 100, birthdayGift: "" },
    position: 1,
  },
  {
    nameZh: "季卡",
    nameEn: "Quarterly",
    descriptionZh: "含分销权限，分享好物赚佣金；积分 1.2 倍，生日送小样礼盒。",
    descriptionEn: "Includes distribution rights; points ×1.2 and a birthday sample box.",
    priceCents: 4_990,
    durationDays: 90,
    benefits: { distributionRights: true, pointsMultiplierBp: 12_000, monthlyPoints: 200, birthdayGift: "当季护肤小样礼盒" },
    position: 2,
  },
  {
    nameZh: "年卡",
    nameEn: "Yearly",
    descriptionZh: "全年尊享：分销权限、积分 1.5 倍、每月 500 积分和生日好礼。",
    descriptionEn: "A year of everything: distribution rights, points ×1.5, 500 points a month and a birthday gift.",
    priceCents: 16_900,
    durationDays: 365,
    benefits: { distributionRights: true, pointsMultiplierBp: 15_000, monthlyPoints: 500, birthdayGift: "品牌香氛礼盒" },
    position: 3,
  },
];

async function idOf(tx: Transaction, handle: string): Promise<string | null> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.handle})`, handle));
  return row?.id ?? null;
}

/**
 * The plans, and the demo member on the quarterly card: bought and paid through the shop's order flow
 * (the sandbox provider), its period started as the paid-order consumer would (a later delivery of that
 * event finds the period there), and this month's points granted.
 */
export const membershipSeedSteps: DemoSeedStep[] = [
  {
    name: "membership plans",
    run: async (tx, ctx) => {
      const seedCtx = { ...ctx, db: tx as unknown as AppContext["db"] };
      const staffId = await idOf(tx, "staff");
      const memberId = await idOf(tx, "member");
      const staff = staffId ? await findCurrentUser(tx, staffId) : null;
      if (!staff) return;
      const plans = [];
      for (const plan of DEMO_PLANS) plans.push(await createMembershipPlan(seedCtx, staff, plan, "zh-CN"));
      const member = memberId ? await findCurrentUser(tx, memberId) : null;
      if (!member) return;
      const quarterly = plans[1]!;
      const order = await purchaseMembership(seedCtx, member, quarterly.id);
      await payOrder(seedCtx, member, order.id);
      const now = ctx.clock.now();
      await startMembership(tx, { orderId: order.id, userId: member.id, planId: quarterly.id, paidAt: now, now });
      await grantMonthlyMembershipPoints(tx, now, ctx.config.platformTimeZone);
    },
  },
];
