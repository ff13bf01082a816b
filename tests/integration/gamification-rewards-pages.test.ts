import type { AppLoadContext } from "@remix-run/node";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as detailPage from "../../app/routes/rewards.$id";
import * as shelfPage from "../../app/routes/rewards._index";
import * as minePage from "../../app/routes/me.redemptions";
import * as opsRewardsPage from "../../app/routes/ops.rewards._index";
import * as opsRewardPage from "../../app/routes/ops.rewards.$id";
import * as queuePage from "../../app/routes/ops.redemptions";
import * as boardsPage from "../../app/routes/leaderboards";
import { rewardsSeedSteps } from "../../db/seed/gamification/rewards";
import { auditLog, redemptions, rewards, users, type Role } from "../../db/schema";
import { createReward } from "../../server/gamification/rewards";
import { findCurrentUser, type CurrentUser } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { balanceOf, checkLedgerInvariants, openPointLot, platformAccount, postEntry, userAccount } from "../../server/ledger";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";


describe("rewards and leaderboard pages, and the shop's demo seed", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  let staff: { user: CurrentUser; cookie: string };
  let fan: { user: CurrentUser; cookie: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    staff = await account(["staff"]);
    fan = await account([], 1000);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function account(roles: Role[], points = 0) {
    const { user } = await createTestUser(ctx.db, { roles, now: ctx.clock.now() });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    if (points) {
      const now = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        const { entryId } = await postEntry(tx, {
          idempotencyKey: `test:grant:${user.id}`,
          reason: "test",
          userId: user.id,
          occurredAt: now,
          now,
          postings: [
            { account: userAccount(user.id, "points"), amount: points },
            { account: platformAccount("points", "issuance"), amount: -points },
          ],
        });
        await openPointLot(tx, { userId: user.id, entryId, amount: points, earnedAt: now, expiresAt: null });
      });
    }
    return { user, cookie: sessionCookie(ctx, session).split(";")[0]! };
  }

  const item = (fields: Record<string, unknown> = {}) =>
    createReward(ctx, staff.user, { title: "品牌定制帆布袋", kind: "physical", pointsPrice: 300, stock: 5, ...fields } as never);

  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);
  const post: ReturnType<typeof routeCaller>["post"] = (...args) => routeCaller(context).post(...args);

  it("shows visitors the shelf and tells a member what they can redeem and what they lack", async () => {
    const cheap = await item({ title: "满减券", kind: "virtual", pointsPrice: 100 });
    const dear = await item({ title: "香氛蜡烛", pointsPrice: 1500 });
    const gated = await item({ title: "V3 专享", pointsPrice: 10, minLevel: 3 });
    const visitor = await (await get(asRoute(shelfPage), "/rewards")).json();
    expect(visitor.signedIn).toBe(false);
    expect(visitor.rewards.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([cheap.id, dear.id, gated.id]));
    expect(visitor.rewards.every((r: { viewer: unknown }) => r.viewer === null)).toBe(true);
    const mine = await (await get(asRoute(shelfPage), "/rewards", fan.cookie)).json();
    const byId = new Map(mine.rewards.map((r: { id: string; viewer: unknown }) => [r.id, r.viewer]));
    expect(byId.get(cheap.id)).toMatchObject({ canRedeem: true, blocker: null, points: 1000 });
    expect(byId.get(dear.id)).toMatchObject({ canRedeem: false, blocker: "points", pointsShort: 500 });
    expect(byId.get(gated.id)).toMatchObject({ canRedeem: false, blocker: "level", level: 1 });
  });

  it("redeems through review and confirmation without JavaScript, once even when confirmed twice", async () => {
    const bag = await item({ title: "帆布袋（页面）", stock: 3 });
    const path = `/rewards/${bag.id}`;
    const params = { id: bag.id };
    const page = await (await get(asRoute(detailPage), path, fan.cookie, params)).json();
    expect(page.reward.viewer.canRedeem).toBe(true);
    const form = { quantity: "1", name: "林小满", phone: "13800138000", address: "上海市徐汇区漕溪北路 88 号", requestKey: page.requestKey };

    const bad = await post(asRoute(detailPage), path, fan.cookie, { ...form, intent: "review", phone: "123" }, params);
    expect(bad.status).toBe(422);
    expect((await bad.json()).failure.fields["shipping.phone"]).toEqual(["请填写 11 位手机号码。"]);

    const review = await (await post(asRoute(detailPage), path, fan.cookie, { ...form, intent: "review" }, params)).json();
    expect(review).toMatchObject({ stage: "confirm", total: 300, left: 700 });
    expect(await balanceOf(ctx.db, userAccount(fan.user.id, "points"))).toBe(1000);

    const confirms = await Promise.all([1, 2].map(() => thrown(post(asRoute(detailPage), path, fan.cookie, { ...form, intent: "confirm" }, params))));
    for (const res of confirms) {
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`/me/redemptions?done=${bag.id}`);
    }
    expect(await balanceOf(ctx.db, userAccount(fan.user.id, "points"))).toBe(700);
    const history = await (await get(asRoute(minePage), `/me/redemptions?done=${bag.id}`, fan.cookie)).json();
    expect(history.done).toBe(true);
    expect(history.redemptions.filter((r: { reward: { id: string } }) => r.reward.id === bag.id)).toMatchObject([{ status: "pending", points: 300, quantity: 1 }]);

    // Sold out while the member was confirming: the form says so in Chinese, nothing is taken.
    const last = await item({ title: "最后一件", stock: 0, kind: "virtual", pointsPrice: 10 });
    const refused = await post(asRoute(detailPage), `/rewards/${last.id}`, fan.cookie, { quantity: "1", intent: "confirm", requestKey: "page-key-sold-out" }, { id: last.id });
    expect(refused.status).toBe(409);
    expect((await refused.json()).failure.message).toBe("很抱歉，该商品已兑完。");
    // Visitors are sent to log in; unknown items are 404.
    expect((await thrown(post(asRoute(detailPage), path, "", { ...form, intent: "confirm" }, params))).status).toBe(302);
    expect((await thrown(get(asRoute(detailPage), "/rewards/nope", fan.cookie, { id: "nope" }))).status).toBe(404);
  });

  it("keeps the staff pages to staff: visitors log in, members get 403", async () => {
    for (const [route, path] of [
      [opsRewardsPage, "/ops/rewards"],
      [queuePage, "/ops/redemptions"],
    ] as const) {
      const visitor = await thrown(get(asRoute(route), path));
      expect(visitor.status).toBe(302);
      expect((await thrown(get(asRoute(route), path, fan.cookie))).status).toBe(403);
      expect((await thrown(post(asRoute(route), path, fan.cookie, { title: "x" }))).status).toBe(403);
    }
    expect((await thrown(get(asRoute(minePage), "/me/redemptions"))).status).toBe(302);
  });

  it("lets staff add an item with a Beijing-time window, fix field errors, and restock by a delta", async () => {
    const bad = await post(asRoute(opsRewardsPage), "/ops/rewards", staff.cookie, { title: "", kind: "physical", pointsPrice: "0", stock: "-1", active: "on" });
    expect(bad.status).toBe(422);
    const failure = (await bad.json()).failure;
    expect(failure.fields.title).toEqual(["标题需为 1–40 个字符。"]);
    expect(failure.fields.pointsPrice).toEqual(["积分价格为 1–1,000,000 的整数。"]);
    expect(failure.fields.stock).toEqual(["库存为 0–1,000,000 的整数。"]);

    const created = await (
      await post(asRoute(opsRewardsPage), "/ops/rewards", staff.cookie, {
        title: "新品尝鲜装",
        description: "下周开兑",
        kind: "virtual",
        pointsPrice: "200",
        stock: "20",
        perUserLimit: "1",
        minLevel: "1",
        startsAt: "2026-12-01T10:00",
        endsAt: "",
        active: "on",
      })
    ).json();
    const [row] = await ctx.db.select().from(rewards).where(eq(rewards.id, created.created));
    expect(row).toMatchObject({ title: "新品尝鲜装", stock: 20, perUserLimit: 1, active: true, endsAt: null });
    expect(row!.startsAt!.toISOString()).toBe("2026-12-01T02:00:00.000Z");

    const edit = await (await get(asRoute(opsRewardPage), `/ops/rewards/${row!.id}`, staff.cookie, { id: row!.id })).json();
    expect(edit.reward.title).toBe("新品尝鲜装");
    const saved = await post(
      asRoute(opsRewardPage),
      `/ops/rewards/${row!.id}`,
      staff.cookie,
      { title: "新品尝鲜装", description: "", kind: "virtual", pointsPrice: "180", stockDelta: "+5", perUserLimit: "", minLevel: "2", startsAt: "2026-12-01T10:00", endsAt: "", active: "" },
      { id: row!.id },
    );
    expect((await saved.json()).saved).toBe(true);
    const [after] = await ctx.db.select().from(rewards).where(eq(rewards.id, row!.id));
    expect(after).toMatchObject({ pointsPrice: 180, stock: 25, perUserLimit: null, minLevel: 2, active: false });
  });

  it("lets staff ship and cancel from the queue; a second cancel is told it was already handled", async () => {
    const box = await item({ title: "小样礼盒（队列）", pointsPrice: 50 });
    const member = await account([], 200);
    const path = `/rewards/${box.id}`;
    const key = "queue-page-key-1";
    await thrown(post(asRoute(detailPage), path, member.cookie, { quantity: "2", name: "王小二", phone: "13900139000", address: "杭州市西湖区文三路 1 号", requestKey: key, intent: "confirm" }, { id: box.id }));
    const [r] = await ctx.db.select().from(redemptions).where(eq(redemptions.userId, member.user.id));
    expect(r).toMatchObject({ quantity: 2, points: 100, status: "pending" });

    const queue = await (await get(asRoute(queuePage), "/ops/redemptions", staff.cookie)).json();
    expect(queue.status).toBe("pending");
    expect(queue.redemptions.map((x: { id: string }) => x.id)).toContain(r!.id);

    const noReason = await post(asRoute(queuePage), "/ops/redemptions", staff.cookie, { redemptionId: r!.id, action: "cancel", note: "" });
    expect(noReason.status).toBe(422);
    expect((await noReason.json()).failure.fields.note).toEqual(["请填写 1–500 个字符的取消原因。"]);
    const cancelled = await (await post(asRoute(queuePage), "/ops/redemptions", staff.cookie, { redemptionId: r!.id, action: "cancel", note: "缺货" })).json();
    expect(cancelled.done).toBe("cancelled");
    const again = await post(asRoute(queuePage), "/ops/redemptions", staff.cookie, { redemptionId: r!.id, action: "cancel", note: "缺货" });
    expect(again.status).toBe(409);
    expect((await again.json()).failure.message).toBe("该兑换已被处理。");
    expect(await balanceOf(ctx.db, userAccount(member.user.id, "points"))).toBe(200);
    const history = await (await get(asRoute(minePage), "/me/redemptions", member.cookie)).json();
    expect(history.redemptions[0]).toMatchObject({ status: "cancelled", staffNote: "缺货", refunded: true });
    const cancelledTab = await (await get(asRoute(queuePage), "/ops/redemptions?status=cancelled", staff.cookie)).json();
    expect(cancelledTab.redemptions.map((x: { id: string }) => x.id)).toContain(r!.id);
  });

  it("shows the leaderboard with the member's own rank, and 400 for a board that doesn't exist", async () => {
    const board = await (await get(asRoute(boardsPage), "/leaderboards?board=points&period=all", fan.cookie)).json();
    expect(board.board.board).toBe("points");
    expect(board.board.me).toMatchObject({ value: 1000 });
    expect(board.board.entries.some((e: { user: { id: string } }) => e.user.id === staff.user.id)).toBe(false);
    const streaks = await (await get(asRoute(boardsPage), "/leaderboards?board=streak")).json();
    expect(streaks.board.entries).toEqual([]);
    expect((await thrown(get(asRoute(boardsPage), "/leaderboards?board=likes"))).status).toBe(400);
  });

  it("seeds a shelf of Chinese items with one sold out, one for V3, one not open yet, and redemptions in every state", async () => {
    const handles = ["member", "creator", "taozi_tang", "shanye_laixin", "naicha_xuming"];
    const made: Record<string, CurrentUser> = {};
    for (const handle of handles) {
      const { user } = await createTestUser(ctx.db, { handle, roles: handle === "creator" ? ["creator"] : [], now: ctx.clock.now() });
      made[handle] = (await findCurrentUser(ctx.db, user.id))!;
    }
    const seedStaff = (await createTestUser(ctx.db, { handle: "staff", roles: ["staff"], now: ctx.clock.now() })).user;
    const started = performance.now();
    await ctx.db.transaction(async (tx) => {
      for (const step of rewardsSeedSteps) await step.run(tx, ctx, { users: { staff: seedStaff, member: made.member, creator: made.creator } });
    });
    expect(performance.now() - started).toBeLessThan(3_000);
    const createdBySeed = await ctx.db
      .select({ id: auditLog.subjectId })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, seedStaff.id), eq(auditLog.action, "gamification.reward.created")));
    const shelf = await ctx.db.select().from(rewards).where(inArray(rewards.id, createdBySeed.map((c) => c.id)));
    expect(shelf.length).toBeGreaterThanOrEqual(6);
    for (const r of shelf) expect(r.title).toMatch(/\p{Script=Han}/u);
    expect(shelf.filter((r) => r.stock === 0).map((r) => r.title)).toEqual(["限量周边·种草徽章套装"]);
    expect(shelf.find((r) => r.minLevel === 3)!.title).toBe("V3 专享·香氛蜡烛");
    expect(shelf.filter((r) => r.startsAt && r.startsAt > ctx.clock.now()).map((r) => r.title)).toEqual(["新品尝鲜装"]);
    const states = await ctx.db
      .select({ status: redemptions.status, refunded: sql<boolean>`${redemptions.refundEntryId} is not null`, handle: users.handle })
      .from(redemptions)
      .innerJoin(users, eq(users.id, redemptions.userId))
      .where(sql`${users.handle} in ${handles}`);
    expect(new Set(states.map((s) => s.status))).toEqual(new Set(["pending", "shipped", "cancelled", "fulfilled"]));
    expect(states.find((s) => s.status === "cancelled")!.refunded).toBe(true);
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);
  });
});
