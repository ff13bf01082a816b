import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as earningsPage from "../../app/routes/me.earnings";
import * as payoutsPage from "../../app/routes/ops.payouts";
import { payouts, type Role } from "../../db/schema";
import { commissionsConsumers } from "../../server/distribution";
import type { CurrentUser } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { createJobRunner } from "../../server/jobs/runner";
import { balanceOf, userAccount } from "../../server/ledger";
import { createLogger } from "../../server/shared/logger";
import { confirmOrder, createPaidOrder, createTestLink } from "../factories/distribution-earnings";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

describe("earnings and payout pages: plain forms, field errors, the creator's own figures", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
  });
  afterAll(async () => {
    await db?.close();
  });

  async function account(roles: Role[]) {
    const { user } = await createTestUser(ctx.db, { roles, now: ctx.clock.now() });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return { user, cookie: sessionCookie(ctx, session).split(";")[0]! };
  }
  const drain = () =>
    createJobRunner({ db: ctx.db, logger: createLogger({ level: "silent" }), clock: ctx.clock, consumers: commissionsConsumers, context: { config: ctx.config, realtime: ctx.realtime } }).drain();
  async function earn(creator: CurrentUser, cents: number, confirm = true) {
    const { link, productId } = await createTestLink(ctx.db, creator.id, { title: "氨基酸洁面乳" });
    const order = await createPaidOrder(ctx.db, { buyerId: (await createTestUser(ctx.db)).user.id, creatorId: creator.id, linkId: link.id, paidAt: ctx.clock.now(), lines: [{ productId, title: "氨基酸洁面乳", unitPriceCents: cents * 10, commissionRateBp: 1_000 }] });
    await drain();
    if (confirm) {
      await confirmOrder(ctx.db, order, ctx.clock.now());
      await drain();
    }
  }
  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);
  const post: ReturnType<typeof routeCaller>["post"] = (...args) => routeCaller(context).post(...args);

  it("sends a visitor to log in and shows a creator their balances, chart, breakdowns and timeline", async () => {
    const res = await thrown(get(asRoute(earningsPage), "/me/earnings"));
    expect(res.status).toBe(302);
    const creator = await account(["creator"]);
    const other = await account(["creator"]);
    await earn(creator.user, 8_800);
    await earn(creator.user, 1_500, false);
    const data = await (await get(asRoute(earningsPage), "/me/earnings", creator.cookie)).json();
    expect(data.summary).toMatchObject({ balanceCents: 8_800, pendingCents: 1_500, lifetimeCents: 10_300 });
    expect(data.summary.chart).toHaveLength(30);
    // Two products (one per link) of the same name: a row each, biggest commission first.
    expect(data.summary.byProduct.map((p: { title: string; commissionCents: number }) => [p.title, p.commissionCents])).toEqual([
      ["氨基酸洁面乳", 8_800],
      ["氨基酸洁面乳", 1_500],
    ]);
    expect(data.page.items.map((c: { timeline: { reasonText: string }[] }) => c.timeline.map((s) => s.reasonText))).toEqual(
      expect.arrayContaining([["订单已支付：佣金待结算", "售后期结束：佣金已确认"], ["订单已支付：佣金待结算"]]),
    );
    const theirs = await (await get(asRoute(earningsPage), "/me/earnings", other.cookie)).json();
    expect(theirs.summary.lifetimeCents).toBe(0);
    expect(theirs.page.items).toEqual([]);
  });

  it("takes a payout request in yuan from a plain form, with field errors next to the amount", async () => {
    const creator = await account(["creator"]);
    await earn(creator.user, 9_000);
    const bad = await post(asRoute(earningsPage), "/me/earnings", creator.cookie, { amount: "abc" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).result.error.amount).toEqual(["请输入金额，如 50 或 50.5（最多两位小数）。"]);
    const small = await post(asRoute(earningsPage), "/me/earnings", creator.cookie, { amount: "49.99" });
    expect(small.status).toBe(422);
    expect((await small.json()).result.error.amount).toEqual(["提现金额低于最低提现额。"]);
    const over = await post(asRoute(earningsPage), "/me/earnings", creator.cookie, { amount: "90.01" });
    expect(over.status).toBe(409);
    const key = crypto.randomUUID();
    const ok = await post(asRoute(earningsPage), "/me/earnings", creator.cookie, { amount: "¥60.5", requestKey: key });
    expect(ok.status).toBe(200);
    expect((await ok.json()).done).toBe(6_050);
    // A double submit of the same rendered form creates nothing twice.
    await post(asRoute(earningsPage), "/me/earnings", creator.cookie, { amount: "60.5", requestKey: key });
    expect(await ctx.db.select().from(payouts).where(eq(payouts.ownerId, creator.user.id))).toHaveLength(1);
    expect(await balanceOf(ctx.db, userAccount(creator.user.id, "cny", "earnings"))).toBe(2_950);
  });

  it("lets staff approve, reject with a reason and mark paid from the queue; others get 403", async () => {
    const staff = await account(["staff"]);
    const creator = await account(["creator"]);
    await earn(creator.user, 20_000);
    await post(asRoute(earningsPage), "/me/earnings", creator.cookie, { amount: "100" });
    await post(asRoute(earningsPage), "/me/earnings", creator.cookie, { amount: "50" });
    expect((await thrown(get(asRoute(payoutsPage), "/ops/payouts", creator.cookie))).status).toBe(403);
    const queue = await (await get(asRoute(payoutsPage), "/ops/payouts", staff.cookie)).json();
    const mine = queue.payouts.filter((p: { ownerId: string }) => p.ownerId === creator.user.id);
    expect(mine.map((p: { amountCents: number }) => p.amountCents).sort((a: number, b: number) => a - b)).toEqual([5_000, 10_000]);
    const first = (mine as { id: string; amountCents: number }[]).find((p) => p.amountCents === 10_000);
    const second = (mine as { id: string; amountCents: number }[]).find((p) => p.amountCents === 5_000);

    const noReason = await post(asRoute(payoutsPage), "/ops/payouts", staff.cookie, { payoutId: second!.id, action: "reject" });
    expect(noReason.status).toBe(422);
    expect((await noReason.json()).failure.fields.reason).toEqual(["请填写 1 到 500 字的原因。"]);
    const rejected = await post(asRoute(payoutsPage), "/ops/payouts", staff.cookie, { payoutId: second!.id, action: "reject", reason: "账户信息有误" });
    expect((await rejected.json()).done).toBe("rejected");
    expect((await (await post(asRoute(payoutsPage), "/ops/payouts", staff.cookie, { payoutId: first!.id, action: "approve" })).json()).done).toBe("approved");
    expect((await (await post(asRoute(payoutsPage), "/ops/payouts", staff.cookie, { payoutId: first!.id, action: "markPaid" })).json()).done).toBe("paid");
    const again = await post(asRoute(payoutsPage), "/ops/payouts", staff.cookie, { payoutId: first!.id, action: "markPaid" });
    expect(again.status).toBe(409);
    expect((await thrown(post(asRoute(payoutsPage), "/ops/payouts", creator.cookie, { payoutId: first!.id, action: "approve" }))).status).toBe(403);
    const page = await (await get(asRoute(earningsPage), "/me/earnings", creator.cookie)).json();
    expect(page.summary).toMatchObject({ balanceCents: 10_000, paidCents: 10_000 });
    expect(page.payouts.map((p: { status: string }) => p.status).sort()).toEqual(["paid", "rejected"]);
  });
});
