import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Transaction } from "../../client";
import { distributionLinks, distributionRights, orders, outboxEvents, products, users, type OutboxEvent } from "../../schema";
import type { AppContext } from "../../../server/context";
import { confirmDueOrders, createOrder, createProduct, payOrder, refundOrder } from "../../../server/commerce";
import { bindVisitor } from "../../../server/distribution/attribution/bind-visitor";
import { recordClick } from "../../../server/distribution/attribution/record-click";
import { creatorEarnings } from "../../../server/distribution/commissions/accounts";
import { commissionsConsumers } from "../../../server/distribution/commissions/consumers";
import { createDistributionLink } from "../../../server/distribution/links/create-link";
import { DEFAULT_PAYOUT_SETTINGS } from "../../../server/distribution/payouts/schemas";
import { decidePayout } from "../../../server/distribution/payouts/decide-payout";
import { requestPayout } from "../../../server/distribution/payouts/request-payout";
import { findCurrentUser, type CurrentUser } from "../../../server/identity";
import { balanceOf } from "../../../server/ledger";
import { FixedClock } from "../../../server/shared/clock";
import type { DemoSeedStep } from "../demo";

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60_000;
const MINIMUM = DEFAULT_PAYOUT_SETTINGS.minimumCents;
const BUYER_HANDLES = ["member", "taozi_tang", "naicha_xuming", "shanye_laixin"];
const PHONES = [
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47",
  "Mozilla/5.0 (Linux; Android 14; 2312DRA50C) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 XWEB/1160117",
];

/**
 * The buyers' orders through the creator's links, oldest first. Those paid more than the holding
 * period ago are confirmed by the confirmation job (a full refund first leaves one refunded, never
 * confirmed; a partial refund keeps its status and gets its confirmation time); the latest stay paid,
 * their commissions pending.
 */
const PLANS: { daysAgo: number; hour: number; qty: number; refund?: "part" | "full" }[] = [
  { daysAgo: 17, hour: 10, qty: 1 },
  { daysAgo: 16, hour: 21, qty: 2 },
  { daysAgo: 15, hour: 12, qty: 1, refund: "full" },
  { daysAgo: 13, hour: 20, qty: 2, refund: "part" },
  { daysAgo: 12, hour: 14, qty: 3 },
  { daysAgo: 10, hour: 11, qty: 1 },
  { daysAgo: 4, hour: 22, qty: 1 },
  { daysAgo: 2, hour: 13, qty: 2 },
  { daysAgo: 1, hour: 9, qty: 1 },
];

interface ProductLink {
  code: string;
  productId: string;
  createdAt: Date;
}

/**
 * The demo creator's earnings, alive on the first start, made the way the shop makes them: over the
 * last weeks buyers open the creator's product links (recordClick gives their browser a visitor id,
 * log-in binds it), order through checkout with that visitor id — attribution finds the click — pay
 * with the sandbox, staff refund one order in part and one in full, and the confirmation job confirms
 * what is past the holding period; each call on a fixed clock at its own moment. The commission
 * consumers then run over the events those calls emitted, in the order things happened, interleaved
 * with a payout requested, approved and paid by staff; a second payout waits for review. The orders'
 * rows and their commissions tell the same story, and the jobs' first run finds nothing to do: no
 * order is due for confirmation again, and the commission consumers find their work already done
 * (the events stay in the outbox for the other consumers: purchase points, fraud signals, rights).
 *
 * Runs once, as every step of the demo seed; a creator who already has attributed orders is left alone.
 */
export const earningsSeedSteps: DemoSeedStep[] = [
  {
    name: "distribution commissions and payouts",
    run: async (tx, ctx, state) => {
      const creatorId = state.users.creator?.id;
      const staffId = state.users.staff?.id;
      if (!creatorId || !staffId) return;
      const [earlier] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.creatorId, creatorId)).limit(1);
      if (earlier) return;
      const creator = await findCurrentUser(tx, creatorId);
      const staff = await findCurrentUser(tx, staffId);
      if (!creator || !staff) return;
      const buyers = await buyersOf(tx, creatorId);
      if (buyers.length === 0) return;

      const now = ctx.clock.now();
      const ago = (daysAgo: number, hour: number) => new Date(now.getTime() - daysAgo * DAY + (hour - 12) * 3_600_000);
      const at = (when: Date) => ({ ...ctx, db: tx as unknown as AppContext["db"], clock: new FixedClock(when) });
      const [{ lastId } = { lastId: 0 }] = await tx.select({ lastId: sql<number>`coalesce(max(${outboxEvents.id}), 0)::bigint` }).from(outboxEvents);

      const links = await productLinksOf(tx, creatorId);
      if (links.length === 0) links.push(await ownProductLink(at(ago(25, 12)), tx, creator, staff));

      const mine: string[] = [];
      for (const [i, plan] of PLANS.entries()) {
        const placedAt = ago(plan.daysAgo, plan.hour);
        const clickedAt = new Date(placedAt.getTime() - 6 * MINUTE);
        const link = await linkFor(tx, links, i, clickedAt, plan.qty);
        if (!link) continue;
        const buyer = buyers[i % buyers.length]!;
        // The buyer opens the creator's link on their phone, signs in, and orders from the product page.
        const click = await recordClick(at(clickedAt), {
          code: link.code,
          visitorId: null,
          sessionId: null,
          userAgent: PHONES[i % PHONES.length]!,
          referrer: i % 3 === 0 ? "https://www.xiaohongshu.com/" : "https://servicewechat.com/",
          ip: `203.0.113.${20 + i}`,
        });
        if (!click) continue;
        await bindVisitor(tx, click.visitorId, buyer.id, new Date(clickedAt.getTime() + 2 * MINUTE));
        const order = await createOrder(at(placedAt), buyer, { productId: link.productId, quantity: plan.qty }, { visitorId: click.visitorId });
        await payOrder(at(new Date(placedAt.getTime() + 3 * MINUTE)), buyer, order.id);
        mine.push(order.id);
        if (plan.refund === "full") {
          await refundOrder(at(new Date(placedAt.getTime() + 2 * DAY)), staff, order.id, { reason: "买家七天无理由退货", requestKey: `demo-earnings-refund-${i}` });
        } else if (plan.refund === "part") {
          const unit = Math.floor(order.totalCents / plan.qty);
          await refundOrder(at(new Date(placedAt.getTime() + DAY)), staff, order.id, { amountCents: unit, reason: "少发一件，退一件的钱", requestKey: `demo-earnings-refund-${i}` });
        }
      }
      if (mine.length === 0) return;

      // The confirmation job, run as each order's holding period ended.
      const due = await tx
        .select({ confirmableAt: orders.confirmableAt })
        .from(orders)
        .where(and(inArray(orders.id, mine), isNotNull(orders.confirmableAt), isNull(orders.confirmedAt)))
        .orderBy(asc(orders.confirmableAt));
      for (const { confirmableAt } of due) {
        if (confirmableAt! <= now) await confirmDueOrders(tx as unknown as AppContext["db"], { now: confirmableAt! });
      }

      // The commission consumers up to the first payout, then the payouts between the rest.
      const as = (when: Date) => ({ ...ctx, db: tx, clock: new FixedClock(when) });
      const firstRequest = ago(5, 9);
      await deliverInTimeOrder(tx, ctx, lastId, { until: firstRequest });
      // Sized to what was withdrawable then: about half paid out; the rest (whole yuan) requested later.
      const balance = await balanceOf(tx, creatorEarnings(creatorId));
      const first = Math.max(MINIMUM, Math.floor(balance / 2 / 100) * 100);
      if (balance >= first) {
        const paid = await requestPayout(as(firstRequest), creator, { amountCents: first, requestKey: "demo-payout-paid" });
        await decidePayout(as(ago(5, 11)), staff, paid.payout.id, { action: "approve" });
        await decidePayout(as(ago(4, 15)), staff, paid.payout.id, { action: "markPaid" });
      }
      await deliverInTimeOrder(tx, ctx, lastId, { after: firstRequest });
      const left = await balanceOf(tx, creatorEarnings(creatorId));
      const second = Math.floor(left / 100) * 100;
      if (second >= MINIMUM) await requestPayout(as(ago(1, 20)), creator, { amountCents: second, requestKey: "demo-payout-requested" });
    },
  },
];

/** The demo buyers that can order (never the creator: purchases through one's own link earn nothing). */
async function buyersOf(tx: Transaction, creatorId: string): Promise<CurrentUser[]> {
  const rows = await tx.select({ id: users.id, handle: users.handle }).from(users).where(inArray(users.handle, BUYER_HANDLES));
  rows.sort((a, b) => BUYER_HANDLES.indexOf(a.handle) - BUYER_HANDLES.indexOf(b.handle));
  const found: CurrentUser[] = [];
  for (const r of rows) {
    if (r.id === creatorId) continue;
    const user = await findCurrentUser(tx, r.id);
    if (user) found.push(user);
  }
  return found;
}

/** The creator's live links to products on sale (the links step shares a few), oldest first. */
async function productLinksOf(tx: Transaction, creatorId: string): Promise<ProductLink[]> {
  const rows = await tx
    .select({ code: distributionLinks.code, productId: distributionLinks.productId, createdAt: distributionLinks.createdAt })
    .from(distributionLinks)
    .innerJoin(products, eq(products.id, distributionLinks.productId))
    .where(and(eq(distributionLinks.creatorId, creatorId), isNull(distributionLinks.archivedAt), eq(products.status, "active")))
    .orderBy(asc(distributionLinks.createdAt), asc(distributionLinks.id));
  return rows.map((r) => ({ code: r.code, productId: r.productId!, createdAt: r.createdAt }));
}

/**
 * When the creator shares no product (the step alone, without the shop and links steps): staff put one
 * on sale and the creator, holding rights on the creator path, shares it.
 */
async function ownProductLink(ctx: AppContext, tx: Transaction, creator: CurrentUser, staff: CurrentUser): Promise<ProductLink> {
  const now = ctx.clock.now();
  const product = await createProduct(ctx, staff, { title: "玻尿酸保湿精华 30ml", description: "三重分子玻尿酸，质地清爽不黏腻。", priceCents: 12_900, stock: 200, commissionRateBp: 1_200 });
  await tx.insert(distributionRights).values({ userId: creator.id, path: "creator", grantedAt: now, updatedAt: now }).onConflictDoNothing({ target: distributionRights.userId });
  const { link } = await createDistributionLink(ctx, creator, { targetType: "product", targetId: product.id });
  const [row] = await tx.select({ code: distributionLinks.code }).from(distributionLinks).where(eq(distributionLinks.id, link.id));
  return { code: row!.code, productId: product.id, createdAt: now };
}

/** The i-th (round robin) of the links that existed at `clickedAt` whose product still has `qty` in stock. */
async function linkFor(tx: Transaction, links: ProductLink[], i: number, clickedAt: Date, qty: number): Promise<ProductLink | null> {
  const existing = links.filter((l) => l.createdAt < clickedAt);
  if (existing.length === 0) return null;
  const stock = new Map(
    (await tx.select({ id: products.id, stock: products.stock }).from(products).where(inArray(products.id, existing.map((l) => l.productId)))).map((p) => [p.id, p.stock]),
  );
  for (let k = 0; k < existing.length; k++) {
    const link = existing[(i + k) % existing.length]!;
    if ((stock.get(link.productId) ?? 0) >= qty) return link;
  }
  return null;
}

/**
 * Runs the commission consumers over the events emitted since `afterId` (those that happened after
 * `after` and up to `until`), in the order things happened, each on a clock at its moment.
 */
async function deliverInTimeOrder(tx: Transaction, ctx: AppContext, afterId: number, window: { after?: Date; until?: Date }) {
  const events = await tx.select().from(outboxEvents).where(gt(outboxEvents.id, afterId)).orderBy(asc(outboxEvents.occurredAt), asc(outboxEvents.id));
  for (const event of events) {
    if (window.after && event.occurredAt <= window.after) continue;
    if (window.until && event.occurredAt > window.until) continue;
    for (const consumer of commissionsConsumers) {
      if (!consumer.events.includes(event.type)) continue;
      await consumer.handle(tx, event as OutboxEvent, { clock: new FixedClock(event.occurredAt), logger: ctx.logger, realtime: ctx.realtime, config: ctx.config });
    }
  }
}
