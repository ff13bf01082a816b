import { and, desc, eq, inArray } from "drizzle-orm";
import type { Transaction } from "../../client";
import { categories, posts, users } from "../../schema";
import type { AppContext } from "../../../server/context";
import {
  confirmDueOrders,
  createExternalStore,
  createOrder,
  createProduct,
  ingestExternalOrder,
  linkPostProducts,
  payOrder,
  refundOrder,
  signBody,
  type CreateProductInput,
} from "../../../server/commerce";
import { findCurrentUser, type CurrentUser } from "../../../server/identity";
import { FixedClock } from "../../../server/shared/clock";
import { coverSvg, renderImage } from "../content/images";
import { SeededRandom } from "../content/random";
import { COVER_VARIANTS, storeRenderedUpload } from "../content/uploads";
import { CATEGORY_VOCABULARY } from "../content/vocabulary";
import type { DemoSeedStep } from "../demo";

const DAY = 86_400_000;

/** The shop's shelf: real-sounding goods across the verticals, prices in cents, rates in basis points. */
const PRODUCTS: (Omit<CreateProductInput, "imageUploadIds" | "categoryId"> & { category: string })[] = [
  { category: "beauty", title: "玻尿酸保湿精华 30ml", description: "三重分子玻尿酸，质地清爽不黏腻，干皮混干皮秋冬日常打底。", priceCents: 12_900, stock: 240, commissionRateBp: 1_200 },
  { category: "beauty", title: "氨基酸温和洁面乳 120g", description: "弱酸性配方，洗后不紧绷，敏感肌也能天天用。", priceCents: 6_900, stock: 500, commissionRateBp: 1_000 },
  { category: "food", title: "云南古树滇红 礼盒 200g", description: "凤庆古树一芽二叶，蜜香明显，冷泡热泡都好喝。", priceCents: 16_800, stock: 80, commissionRateBp: 1_500 },
  { category: "food", title: "低糖全麦欧包 6 只装", description: "无蔗糖添加，早餐配咖啡刚好；冷冻保存 30 天。", priceCents: 4_990, stock: 300, commissionRateBp: 800 },
  { category: "digital", title: "无线降噪耳机 Air Pro", description: "主动降噪 + 通透模式，单次续航 8 小时，支持多设备切换。", priceCents: 59_900, stock: 40, commissionRateBp: 500 },
  { category: "home", title: "香薰扩香石 雪松木调", description: "无火安全，一瓶香薰液可用两个月，卧室书房都合适。", priceCents: 8_800, stock: 120, commissionRateBp: 1_800 },
  { category: "sports", title: "高回弹瑜伽垫 6mm", description: "双面防滑纹理，附收纳绑带，初学者友好。", priceCents: 12_800, stock: 6, commissionRateBp: 1_000 },
  { category: "travel", title: "超轻折叠双肩包 20L", description: "收起只有掌心大小，旅行城市徒步随身带。", priceCents: 7_900, stock: 150, commissionRateBp: 1_200 },
];

/**
 * The shop alive on the first start: eight products with pictures drawn like the notes' covers, a few
 * notes showing them as "笔记同款", an external store reporting two orders through its signed webhook,
 * and members' shop orders over the last weeks — confirmed after the holding period, refunded in part
 * and in full, one paid and waiting, one pending payment. Orders go through the domain functions (each
 * at its own moment on a fixed clock), so their commerce.order.* events are in the outbox for the
 * consumers to pick up when jobs start.
 */
export const commerceSeedSteps: DemoSeedStep[] = [
  {
    name: "commerce products, orders and an external store",
    run: async (tx, ctx, state) => {
      const staffId = state.users.staff?.id;
      if (!staffId) return;
      const staff = (await findCurrentUser(tx, staffId))!;
      const now = ctx.clock.now();
      const at = (when: Date) => ({ ...ctx, db: tx as unknown as AppContext["db"], clock: new FixedClock(when) });
      const ago = (days: number, hour = 12) => new Date(now.getTime() - days * DAY + (hour - 12) * 3_600_000);
      const rng = new SeededRandom(20_261_130);

      const cats = await tx.select({ id: categories.id, slug: categories.slug }).from(categories);
      const catId = new Map(cats.map((c) => [c.slug, c.id]));
      const made: { id: string; category: string; priceCents: number }[] = [];
      for (const [i, p] of PRODUCTS.entries()) {
        const palette = rng.pick(CATEGORY_VOCABULARY.find((v) => v.slug === p.category)?.palettes ?? CATEGORY_VOCABULARY[0]!.palettes);
        const image = await renderImage(coverSvg(rng, p.category, palette, 900, 900), COVER_VARIANTS);
        const createdAt = ago(30 - i);
        const upload = await storeRenderedUpload(tx, ctx.storage, { ownerId: staff.id, kind: "image", image, now: createdAt });
        const { category, ...fields } = p;
        const product = await createProduct(at(createdAt), staff, { ...fields, categoryId: catId.get(category) ?? null, imageUploadIds: [upload.id] });
        made.push({ id: product.id, category, priceCents: p.priceCents });
      }

      await linkNotes(tx, made);

      // Members' own shop orders (not through links: the links and earnings steps add attributed ones).
      const buyers = await buyersOf(tx, state.users.member?.id);
      const plans = [
        { daysAgo: 20, product: 0, qty: 1 },
        { daysAgo: 16, product: 2, qty: 2, refund: "full" as const },
        { daysAgo: 13, product: 5, qty: 3, refund: 8_800 },
        { daysAgo: 9, product: 3, qty: 2 },
        { daysAgo: 3, product: 7, qty: 1 },
        { daysAgo: 1, product: 1, qty: 2 },
      ];
      for (const [i, plan] of plans.entries()) {
        const buyer = buyers[i % buyers.length];
        if (!buyer) break;
        const placedAt = ago(plan.daysAgo, 9 + i);
        const order = await createOrder(at(placedAt), buyer, { productId: made[plan.product]!.id, quantity: plan.qty });
        await payOrder(at(new Date(placedAt.getTime() + 5 * 60_000)), buyer, order.id);
        if (plan.refund) {
          await refundOrder(at(new Date(placedAt.getTime() + 2 * DAY)), staff, order.id, {
            amountCents: plan.refund === "full" ? undefined : plan.refund,
            reason: plan.refund === "full" ? "买家七天无理由退货" : "少发一件，退一件的钱",
            requestKey: `demo-refund-${i}`,
          });
        }
      }
      // One order still waiting for payment: the buyer sees the pay button on /me/orders.
      if (buyers[0]) await createOrder(at(new Date(now.getTime() - 5 * 60_000)), buyers[0], { productId: made[4]!.id, quantity: 1 });
      await confirmDueOrders(tx as unknown as AppContext["db"], { now });

      // An external store and two orders it reported through the signed webhook (one partly refunded).
      const { secret } = await createExternalStore(at(ago(25)), staff, { slug: "youzan-demo", name: "有赞旗舰店（演示）" });
      const deliveries = [
        { externalOrderId: "YZ-DEMO-1001", status: "paid", totalCents: 25_800, refundedCents: 0, placedAt: ago(6).toISOString(), occurredAt: ago(6).toISOString(), lines: [{ productId: made[0]!.id, title: "玻尿酸保湿精华 30ml", quantity: 2, unitPriceCents: 12_900 }] },
        { externalOrderId: "YZ-DEMO-1002", status: "partially_refunded", totalCents: 16_800, refundedCents: 5_000, placedAt: ago(4).toISOString(), occurredAt: ago(3).toISOString(), lines: [{ title: "店铺自营 茶具套装", quantity: 1, unitPriceCents: 16_800 }] },
      ];
      for (const body of deliveries) {
        const raw = Buffer.from(JSON.stringify(body));
        await ingestExternalOrder(at(new Date(body.occurredAt)), { storeSlug: "youzan-demo", rawBody: raw, signature: signBody(secret, raw) });
      }
    },
  },
];

/** Puts each vertical's products (up to 3) under its most liked published note, as "笔记同款". */
async function linkNotes(tx: Transaction, made: { id: string; category: string }[]) {
  const byCategory = new Map<string, string[]>();
  for (const p of made) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p.id]);
  for (const [slug, ids] of byCategory) {
    const [note] = await tx
      .select({ id: posts.id })
      .from(posts)
      .innerJoin(categories, eq(categories.id, posts.categoryId))
      .where(and(eq(posts.status, "published"), eq(categories.slug, slug)))
      .orderBy(desc(posts.likeCount), posts.id)
      .limit(1);
    if (note) await linkPostProducts(tx, note.id, ids.slice(0, 3));
  }
}

/** The demo member first, then a few of the seeded community members. */
async function buyersOf(tx: Transaction, memberId: string | undefined): Promise<CurrentUser[]> {
  const rows = await tx.select({ id: users.id }).from(users).where(inArray(users.handle, ["member", "taozi_tang", "naicha_xuming", "shanye_laixin"]));
  const ordered = [...rows].sort((a, b) => (a.id === memberId ? -1 : b.id === memberId ? 1 : 0));
  const found: CurrentUser[] = [];
  for (const r of ordered) {
    const user = await findCurrentUser(tx, r.id);
    if (user) found.push(user);
  }
  return found;
}
