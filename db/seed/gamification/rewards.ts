import { eq, sql } from "drizzle-orm";
import type { Transaction } from "../../client";
import { users } from "../../schema";
import type { AppContext } from "../../../server/context";
import { createReward, redeemReward, updateRedemption, type CreateRewardInput } from "../../../server/gamification/rewards";
import { findCurrentUser, type CurrentUser } from "../../../server/identity";
import { balanceOf, openPointLot, platformAccount, postEntry, userAccount } from "../../../server/ledger";
import type { DemoSeedStep } from "../demo";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Demo members who redeem get at least this many points (a welcome grant tops them up). */
const WELCOME_FLOOR = 1_500;

type Item = Omit<CreateRewardInput, "startsAt" | "endsAt"> & { key: string; opensInDays?: number; endsInDays?: number };

/** The shelf: eight items, one sold out by the redemptions below, one for V3 and up, one opening next week. */
const ITEMS: Item[] = [
  { key: "bag", title: "品牌定制帆布袋", kind: "physical", pointsPrice: 300, stock: 50, perUserLimit: 1, description: "加厚帆布，A4 大小，印有社区 logo，通勤买菜都能装。" },
  { key: "samples", title: "小样礼盒", kind: "physical", pointsPrice: 500, stock: 30, perUserLimit: 2, description: "当季热门护肤小样 6 件装，先试再买不踩雷。" },
  { key: "coupon", title: "满 99 减 20 优惠券", kind: "virtual", pointsPrice: 100, stock: 200, perUserLimit: 3, description: "商城全场通用，发放后 30 天内有效。", endsInDays: 60 },
  { key: "merch", title: "限量周边·种草徽章套装", kind: "physical", pointsPrice: 800, stock: 2, perUserLimit: 1, description: "社区三周年限定珐琅徽章 4 枚，数量极少。" },
  { key: "candle", title: "V3 专享·香氛蜡烛", kind: "physical", pointsPrice: 1_200, stock: 10, perUserLimit: 1, minLevel: 3, description: "木质调香氛蜡烛，仅限 V3 及以上会员兑换。" },
  { key: "trial", title: "新品尝鲜装", kind: "physical", pointsPrice: 200, stock: 100, perUserLimit: 1, description: "下周上新的新品抢先试用装，开兑后先到先得。", opensInDays: 7 },
  { key: "vip", title: "会员月卡", kind: "virtual", pointsPrice: 600, stock: 100, description: "享 1 个月会员权益：包邮券、专属折扣和生日礼。" },
  { key: "coffee", title: "咖啡兑换券", kind: "virtual", pointsPrice: 150, stock: 80, perUserLimit: 5, description: "合作咖啡品牌中杯任选一杯。", endsInDays: 30 },
];

const shipping = (name: string, city: string) => ({ name, phone: "13800138000", address: `${city}示例路 ${name.length * 7} 号 3 单元 501 室` });

/**
 * What the demo's members did in the shop, by handle: a few redemptions left pending, one shipped,
 * one fulfilled, one cancelled with its points refunded, and the two that sold the badge set out.
 */
const REDEMPTIONS: { handle: string; item: string; then?: { action: "ship" | "fulfil" | "cancel"; note: string } }[] = [
  { handle: "member", item: "coupon" },
  { handle: "member", item: "bag", then: { action: "ship", note: "顺丰速运 SF1402235860117" } },
  { handle: "creator", item: "bag" },
  { handle: "taozi_tang", item: "samples" },
  { handle: "taozi_tang", item: "merch" },
  { handle: "shanye_laixin", item: "merch" },
  { handle: "shanye_laixin", item: "coffee", then: { action: "cancel", note: "合作门店暂停营业，积分已退回" } },
  { handle: "naicha_xuming", item: "vip", then: { action: "fulfil", note: "月卡已激活至账户" } },
];

async function userByHandle(tx: Transaction, handle: string): Promise<CurrentUser | null> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.handle})`, handle.toLowerCase()));
  return row ? findCurrentUser(tx, row.id) : null;
}

/** Tops a member up to the floor from issuance, once (the key), with a lot like any award. */
async function ensurePoints(tx: Transaction, userId: string, now: Date) {
  const balance = await balanceOf(tx, userAccount(userId, "points"));
  if (balance >= WELCOME_FLOOR) return;
  const amount = WELCOME_FLOOR - balance;
  const { entryId, created } = await postEntry(tx, {
    idempotencyKey: `points:seed:welcome:${userId}`,
    reason: "seed.welcome",
    userId,
    occurredAt: now,
    now,
    postings: [
      { account: userAccount(userId, "points"), amount },
      { account: platformAccount("points", "issuance"), amount: -amount },
    ],
  });
  if (created) await openPointLot(tx, { userId, entryId, amount, earnedAt: now, expiresAt: null });
}

const rewardsShop: DemoSeedStep = {
  name: "rewards shop",
  async run(tx, ctx, state) {
    const staff = state.users.staff;
    if (!staff) return;
    const now = ctx.clock.now();
    // The domain functions run on the seed's transaction (their own transactions become savepoints).
    const seedCtx = { ...ctx, db: tx as unknown as AppContext["db"] };
    const ids = new Map<string, string>();
    for (const { key, opensInDays, endsInDays, ...item } of ITEMS) {
      const startsAt = opensInDays ? new Date(now.getTime() + opensInDays * DAY_MS).toISOString() : null;
      const endsAt = endsInDays ? new Date(now.getTime() + endsInDays * DAY_MS).toISOString() : null;
      const reward = await createReward(seedCtx, staff, { ...item, startsAt, endsAt });
      ids.set(key, reward.id);
    }
    for (const r of REDEMPTIONS) {
      const member = state.users[r.handle as keyof typeof state.users] ?? (await userByHandle(tx, r.handle));
      if (!member) continue;
      await ensurePoints(tx, member.id, now);
      const kind = ITEMS.find((i) => i.key === r.item)!.kind;
      const { redemption } = await redeemReward(
        seedCtx,
        member,
        ids.get(r.item)!,
        { quantity: 1, shipping: kind === "physical" ? shipping(member.displayName.slice(0, 10), "上海市徐汇区") : undefined },
        { idempotencyKey: `seed-${r.handle}-${r.item}` },
      );
      if (r.then) await updateRedemption(seedCtx, staff, redemption.id, r.then);
    }
  },
};

/** Demo data of the rewards area, run in order after the content steps (see ./steps.ts). */
export const rewardsSeedSteps: DemoSeedStep[] = [rewardsShop];
