import { and, asc, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import type { Transaction } from "../../client";
import { distributionLinks, outboxEvents, products, users, type OutboxEvent } from "../../schema";
import type { AppContext } from "../../../server/context";
import { creatorEarnings } from "../../../server/distribution/commissions/accounts";
import { commissionsConsumers } from "../../../server/distribution/commissions/consumers";
import { DEFAULT_PAYOUT_SETTINGS } from "../../../server/distribution/payouts/schemas";
import { decidePayout } from "../../../server/distribution/payouts/decide-payout";
import { requestPayout } from "../../../server/distribution/payouts/request-payout";
import { findCurrentUser } from "../../../server/identity";
import { balanceOf } from "../../../server/ledger";
import { FixedClock } from "../../../server/shared/clock";
import { confirmOrder, createPaidOrder, createTestLink, refundOrder } from "../../../tests/factories/distribution-earnings";
import type { DemoSeedStep } from "../demo";

const DAY = 24 * 60 * 60 * 1000;
const MINIMUM = DEFAULT_PAYOUT_SETTINGS.minimumCents;

/**
 * The demo creator's earnings, alive on the first start: orders through their product links over the
 * last three weeks — confirmed after the holding period, one refunded in part, one in full, the latest
 * still pending — then a payout approved and paid by staff, and one waiting for review. The orders are
 * written as commerce would (rows and their commerce.order.* events, see tests/factories/distribution-earnings.ts),
 * and the commission consumers are run over those events here, in the seed's transaction, each at its
 * own moment, so /me/earnings shows every state at once. The events stay in the outbox: when the jobs
 * start, the other consumers (purchase points, fraud signals, rights) see them too, and the commission
 * consumers find their work already done.
 */
export const earningsSeedSteps: DemoSeedStep[] = [
  {
    name: "distribution commissions and payouts",
    run: async (tx, ctx, state) => {
      const creatorId = state.users.creator?.id;
      const staffId = state.users.staff?.id;
      if (!creatorId || !staffId) return;
      const now = ctx.clock.now();
      const at = (daysAgo: number, hour = 0) => new Date(now.getTime() - daysAgo * DAY + hour * 3_600_000);
      const [{ lastId } = { lastId: 0 }] = await tx.select({ lastId: sql<number>`coalesce(max(${outboxEvents.id}), 0)::bigint` }).from(outboxEvents);

      // The creator's product links (the links step shares the products on sale); one of our own if there are none.
      let links = await tx
        .select({ id: distributionLinks.id, productId: distributionLinks.productId, price: products.priceCents, rate: products.commissionRateBp, title: products.title })
        .from(distributionLinks)
        .innerJoin(products, eq(products.id, distributionLinks.productId))
        .where(and(eq(distributionLinks.creatorId, creatorId), isNotNull(distributionLinks.productId)))
        .orderBy(asc(distributionLinks.createdAt))
        .limit(3);
      if (links.length === 0) {
        const { link, productId } = await createTestLink(tx, creatorId, { title: "玻尿酸保湿精华 30ml", priceCents: 12_900, commissionRateBp: 1_200, now: at(25) });
        links = [{ id: link.id, productId, price: 12_900, rate: 1_200, title: "玻尿酸保湿精华 30ml" }];
      }
      const buyers = (await tx.select({ id: users.id }).from(users).where(inArray(users.handle, ["member", "taozi_tang", "naicha_xuming", "shanye_laixin"]))).map((u) => u.id);
      if (buyers.length === 0) return;

      type Plan = { daysAgo: number; qty: number; refund?: "part" | "full"; confirm: boolean };
      const plans: Plan[] = [
        { daysAgo: 21, qty: 2, confirm: true },
        { daysAgo: 19, qty: 1, confirm: true },
        { daysAgo: 17, qty: 3, confirm: true },
        { daysAgo: 15, qty: 1, refund: "full", confirm: true },
        { daysAgo: 12, qty: 2, refund: "part", confirm: true },
        { daysAgo: 10, qty: 1, confirm: true },
        { daysAgo: 4, qty: 1, confirm: false },
        { daysAgo: 2, qty: 2, confirm: false },
        { daysAgo: 1, qty: 1, confirm: false },
      ];
      for (const [i, plan] of plans.entries()) {
        const link = links[i % links.length]!;
        const paidAt = at(plan.daysAgo, 10 + (i % 8));
        const order = await createPaidOrder(tx, {
          buyerId: buyers[i % buyers.length]!,
          creatorId,
          linkId: link.id,
          paidAt,
          lines: [{ productId: link.productId, title: link.title, unitPriceCents: link.price, quantity: plan.qty, commissionRateBp: link.rate }],
        });
        if (plan.refund === "full") await refundOrder(tx, order, { perLine: [order.totalCents], at: new Date(paidAt.getTime() + 2 * DAY) });
        if (plan.refund === "part") await refundOrder(tx, order, { perLine: [link.price], at: new Date(paidAt.getTime() + DAY) });
        if (plan.confirm) await confirmOrder(tx, order, new Date(paidAt.getTime() + 7 * DAY));
      }
      await deliverInTimeOrder(tx, ctx, lastId);

      // A payout requested, approved and paid five days ago; another waiting for staff since yesterday.
      const creator = await findCurrentUser(tx, creatorId);
      const staff = await findCurrentUser(tx, staffId);
      if (!creator || !staff) return;
      const as = (when: Date) => ({ ...ctx, db: tx, clock: new FixedClock(when) });
      // Sized to what the products on sale earned: about half paid out, the rest (whole yuan) requested.
      const balance = await balanceOf(tx, creatorEarnings(creatorId));
      const first = Math.max(MINIMUM, Math.floor(balance / 2 / 100) * 100);
      if (balance < first) return;
      const paid = await requestPayout(as(at(5, 9)), creator, { amountCents: first, requestKey: "demo-payout-paid" });
      await decidePayout(as(at(5, 11)), staff, paid.payout.id, { action: "approve" });
      await decidePayout(as(at(4, 15)), staff, paid.payout.id, { action: "markPaid" });
      const second = Math.floor((balance - first) / 100) * 100;
      if (second >= MINIMUM) await requestPayout(as(at(1, 20)), creator, { amountCents: second, requestKey: "demo-payout-requested" });
    },
  },
];

/** Runs the commission consumers over the events emitted since `afterId`, in the order things happened. */
async function deliverInTimeOrder(tx: Transaction, ctx: AppContext, afterId: number) {
  const events = await tx.select().from(outboxEvents).where(gt(outboxEvents.id, afterId)).orderBy(asc(outboxEvents.occurredAt), asc(outboxEvents.id));
  for (const event of events) {
    for (const consumer of commissionsConsumers) {
      if (!consumer.events.includes(event.type)) continue;
      await consumer.handle(tx, event as OutboxEvent, { clock: new FixedClock(event.occurredAt), logger: ctx.logger, realtime: ctx.realtime, config: ctx.config });
    }
  }
}
