import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, journalEntries, notifications, pointLots, redemptions, rewards, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { syncLevel } from "../../server/gamification";
import { rewardsConsumers } from "../../server/gamification/rewards/consumers";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import { balanceOf, checkLedgerInvariants, openPointLot, platformAccount, postEntry, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };
type Redemption = { id: string; status: string; points: number; quantity: number; refunded: boolean; staffNote: string | null };

const shipping = { name: "林小满", phone: "13800138000", address: "上海市徐汇区漕溪北路 88 号 1201 室" };

describe("/api/v1 rewards shop: atomic redemption, limits, idempotency, fulfilment", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  // Tuesday 10:00 in Shanghai.
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  let staff: Member;
  let staff2: Member;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock, env: { DATABASE_POOL_SIZE: "12" } });
    staff = await member({ roles: ["staff"] });
    staff2 = await member({ roles: ["staff"] });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function member(options: { roles?: Role[]; points?: number; growth?: number } = {}): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles: options.roles ?? [], handle: uniqueHandle("r") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    if (options.points) await grant(user.id, options.points);
    if (options.growth) await grantGrowth(user.id, options.growth);
    return { user, token };
  }

  /** Points from issuance with a lot, as an award would credit them. */
  async function grant(userId: string, amount: number, key = `test:grant:${userId}:${amount}:${Math.random()}`) {
    const now = clock.now();
    await db.handle.db.transaction(async (tx) => {
      const { entryId } = await postEntry(tx, {
        idempotencyKey: key,
        reason: "test",
        userId,
        occurredAt: now,
        now,
        postings: [
          { account: userAccount(userId, "points"), amount },
          { account: platformAccount("points", "issuance"), amount: -amount },
        ],
      });
      await openPointLot(tx, { userId, entryId, amount, earnedAt: now, expiresAt: null });
    });
  }

  async function grantGrowth(userId: string, amount: number) {
    const now = clock.now();
    await db.handle.db.transaction(async (tx) => {
      const { entryId } = await postEntry(tx, {
        idempotencyKey: `test:growth:${userId}:${amount}`,
        reason: "test",
        userId,
        occurredAt: now,
        now,
        postings: [
          { account: userAccount(userId, "growth"), amount },
          { account: platformAccount("growth", "issuance"), amount: -amount },
        ],
      });
      await syncLevel(tx, userId, entryId, now);
    });
  }

  const api = (path: string, init: { method?: string; json?: unknown; as?: Member | null; headers?: Record<string, string> } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
        ...init.headers,
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });

  async function createItem(fields: Record<string, unknown> = {}): Promise<{ id: string; stock: number }> {
    const res = await api("/rewards", { as: staff, json: { title: "品牌定制帆布袋", kind: "virtual", pointsPrice: 100, stock: 10, ...fields } });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { reward: { id: string; stock: number } }).reward;
  }

  const redeem = (who: Member, rewardId: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    api(`/rewards/${rewardId}/redemptions`, { as: who, json: body, headers });

  const stockOf = async (id: string) => (await db.handle.db.select({ stock: rewards.stock }).from(rewards).where(eq(rewards.id, id)))[0]!.stock;
  const pointsOf = (userId: string) => balanceOf(db.handle.db, userAccount(userId, "points"));
  const countRedemptions = async (rewardId: string) =>
    Number((await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(redemptions).where(eq(redemptions.rewardId, rewardId)))[0]!.n);

  it("gives the last unit to exactly one of 100 members racing for it; the other 99 hear it is sold out", async () => {
    const item = await createItem({ title: "限量周边", stock: 1, pointsPrice: 50 });
    const racers: Member[] = [];
    for (let i = 0; i < 100; i++) racers.push(await member({ points: 80 }));
    const responses = await Promise.all(racers.map((m) => redeem(m, item.id)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const refused = (await Promise.all(responses.filter((r) => r.status === 409).map((r) => r.json()))) as ApiError[];
    expect(new Set(refused.map((e) => e.error.message))).toEqual(new Set(["Sorry, this reward is sold out."]));
    expect(await stockOf(item.id)).toBe(0);
    expect(await countRedemptions(item.id)).toBe(1);
    // Only the winner paid.
    const balances = await Promise.all(racers.map((m) => pointsOf(m.user.id)));
    expect(balances.filter((b) => b === 30)).toHaveLength(1);
    expect(balances.filter((b) => b === 80)).toHaveLength(99);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("lets one member redeem in parallel only as far as their points go, never below zero", async () => {
    const item = await createItem({ title: "满减券", stock: 100, pointsPrice: 100 });
    const fan = await member({ points: 350 });
    const responses = await Promise.all(Array.from({ length: 20 }, () => redeem(fan, item.id)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = responses.filter((r) => r.status === 409);
    expect(refused).toHaveLength(17);
    expect(((await refused[0]!.json()) as ApiError).error.message).toBe("You don't have enough points for this.");
    expect(await pointsOf(fan.user.id)).toBe(50);
    expect(await stockOf(item.id)).toBe(97);
    // The lots gave up exactly what was spent.
    const [lots] = await db.handle.db.select({ left: sql<number>`sum(${pointLots.remaining})::int` }).from(pointLots).where(eq(pointLots.userId, fan.user.id));
    expect(Number(lots!.left)).toBe(50);
    const report = await checkLedgerInvariants(db.handle.db);
    expect(report.negative).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("holds the per-member limit when one member's requests race", async () => {
    const item = await createItem({ title: "小样礼盒", stock: 50, pointsPrice: 10, perUserLimit: 2 });
    const fan = await member({ points: 1000 });
    const responses = await Promise.all(Array.from({ length: 10 }, () => redeem(fan, item.id)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = responses.filter((r) => r.status === 409);
    expect(refused).toHaveLength(8);
    expect(((await refused[0]!.json()) as ApiError).error.message).toBe("You've reached the limit for this reward.");
    expect(await pointsOf(fan.user.id)).toBe(980);
    // The shelf tells them too.
    const shelf = (await (await api("/rewards", { as: fan })).json()) as { rewards: { id: string; viewer: { blocker: string; redeemed: number } }[] };
    expect(shelf.rewards.find((r) => r.id === item.id)!.viewer).toMatchObject({ blocker: "limit", redeemed: 2 });
  });

  it("redeems once for one Idempotency-Key sent 20 times at once, answering each copy with the same redemption", async () => {
    const item = await createItem({ title: "会员月卡", stock: 100, pointsPrice: 100 });
    const fan = await member({ points: 1000 });
    const key = "a4b8c1d2-retry-key";
    const responses = await Promise.all(Array.from({ length: 20 }, () => redeem(fan, item.id, {}, { "idempotency-key": key })));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { redemption: Redemption; replayed: boolean }[];
    expect(new Set(bodies.map((b) => b.redemption.id)).size).toBe(1);
    expect(bodies.filter((b) => !b.replayed)).toHaveLength(1);
    expect(await pointsOf(fan.user.id)).toBe(900);
    expect(await countRedemptions(item.id)).toBe(1);
    // The body's requestKey is the same key; another member may use the same string for their own.
    const again = await redeem(fan, item.id, { requestKey: key });
    expect(((await again.json()) as { replayed: boolean }).replayed).toBe(true);
    const other = await member({ points: 200 });
    const theirs = await redeem(other, item.id, {}, { "idempotency-key": key });
    expect(((await theirs.json()) as { replayed: boolean }).replayed).toBe(false);
    // The same key for a different purchase is refused rather than guessed at.
    const reused = await redeem(fan, item.id, { quantity: 2 }, { "idempotency-key": key });
    expect(reused.status).toBe(409);
    expect(await pointsOf(fan.user.id)).toBe(900);
  });

  it("checks the level and the window, and opens when the clock reaches it", async () => {
    const gated = await createItem({ title: "V3 专享礼", minLevel: 3, pointsPrice: 20 });
    const novice = await member({ points: 500 });
    const veteran = await member({ points: 500, growth: 600 });
    const low = await redeem(novice, gated.id);
    expect(low.status).toBe(409);
    expect(((await low.json()) as ApiError).error.message).toBe("Your level is too low for this reward.");
    expect((await redeem(veteran, gated.id)).status).toBe(201);

    const opensAt = new Date(clock.now().getTime() + 3_600_000);
    const soon = await createItem({ title: "新品尝鲜", startsAt: opensAt.toISOString(), endsAt: new Date(opensAt.getTime() + 3_600_000).toISOString() });
    const early = await redeem(veteran, soon.id);
    expect(early.status).toBe(409);
    expect(((await early.json()) as ApiError).error.message).toBe("This reward isn't open for redemption yet.");
    const shelf = (await (await api("/rewards", { as: veteran })).json()) as { rewards: { id: string; viewer: { blocker: string } }[] };
    expect(shelf.rewards.find((r) => r.id === soon.id)!.viewer.blocker).toBe("notStarted");
    try {
      clock.set(opensAt);
      expect((await redeem(veteran, soon.id)).status).toBe(201);
      clock.set(new Date(opensAt.getTime() + 3_600_000));
      const late = await redeem(veteran, soon.id);
      expect(late.status).toBe(409);
      expect(((await late.json()) as ApiError).error.message).toBe("This reward is no longer available.");
    } finally {
      clock.set("2026-11-24T02:00:00Z");
    }
    expect(await pointsOf(novice.user.id)).toBe(500);
  });

  it("asks for shipping details for a physical item, with a message on each bad field, and changes nothing", async () => {
    const item = await createItem({ title: "保温杯", kind: "physical", stock: 5, pointsPrice: 100 });
    const fan = await member({ points: 300 });
    const missing = await redeem(fan, item.id);
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as ApiError).error.fields).toEqual({ shipping: ["Tell us where to send it: name, phone and address."] });
    const bad = await redeem(fan, item.id, { shipping: { name: "", phone: "12345", address: "上海" } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ApiError).error.fields).toEqual({
      "shipping.name": ["Enter the recipient's name (1 to 40 characters)."],
      "shipping.phone": ["Enter an 11-digit mobile number."],
      "shipping.address": ["Enter the full address (5 to 200 characters)."],
    });
    expect(await stockOf(item.id)).toBe(5);
    expect(await pointsOf(fan.user.id)).toBe(300);
    const ok = await redeem(fan, item.id, { shipping });
    expect(ok.status).toBe(201);
    const mine = (await (await api("/me/redemptions", { as: fan })).json()) as { redemptions: (Redemption & { shipping: object })[] };
    expect(mine.redemptions[0]).toMatchObject({ status: "pending", points: 100, shipping });
  });

  it("refunds a cancelled redemption once when two staff cancel at the same moment, restores stock and tells the member", async () => {
    const item = await createItem({ title: "品牌定制帆布袋", kind: "physical", stock: 3, pointsPrice: 120 });
    const fan = await member({ points: 200 });
    const made = (await (await redeem(fan, item.id, { shipping })).json()) as { redemption: Redemption };
    expect(await pointsOf(fan.user.id)).toBe(80);
    const cancel = (who: Member) => api(`/redemptions/${made.redemption.id}/transitions`, { as: who, json: { action: "cancel", note: "地址无法配送" } });
    const results = await Promise.all([cancel(staff), cancel(staff2), cancel(staff), cancel(staff2)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(await pointsOf(fan.user.id)).toBe(200);
    expect(await stockOf(item.id)).toBe(3);
    const refunds = await db.handle.db.select().from(journalEntries).where(eq(journalEntries.idempotencyKey, `redemption:refund:${made.redemption.id}`));
    expect(refunds).toHaveLength(1);
    const [original] = await db.handle.db.select().from(journalEntries).where(eq(journalEntries.idempotencyKey, `redemption:${made.redemption.id}`));
    expect(refunds[0]!.reversesEntryId).toBe(original!.id);
    // The points are spendable again as a new lot.
    const lots = await db.handle.db.select().from(pointLots).where(eq(pointLots.entryId, refunds[0]!.id));
    expect(lots).toMatchObject([{ amount: 120, remaining: 120 }]);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
    // A cancelled redemption can't be shipped afterwards.
    const ship = await api(`/redemptions/${made.redemption.id}/transitions`, { as: staff, json: { action: "ship", note: "SF123" } });
    expect(ship.status).toBe(409);

    const runner = createJobRunner({ db: db.handle.db, logger: server.ctx.logger, clock, consumers: rewardsConsumers, context: { config: server.ctx.config, realtime: server.ctx.realtime } });
    await runner.drain();
    const inbox = await db.handle.db.select().from(notifications).where(eq(notifications.userId, fan.user.id));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ type: "reward", subjectType: "reward", subjectId: item.id });
    expect(inbox[0]!.data.excerpt).toBe("你兑换的「品牌定制帆布袋」已取消（地址无法配送），120 积分已退回。");
    const audits = await db.handle.db.select().from(auditLog).where(and(eq(auditLog.subjectType, "redemption"), eq(auditLog.subjectId, made.redemption.id)));
    expect(audits.map((a) => a.action)).toEqual(["gamification.redemption.cancelled"]);
  });

  it("ships physical items with a tracking note and fulfils virtual ones, once each", async () => {
    const box = await createItem({ title: "小样礼盒", kind: "physical", stock: 5, pointsPrice: 10 });
    const coupon = await createItem({ title: "满减券", kind: "virtual", stock: 5, pointsPrice: 10 });
    const fan = await member({ points: 100 });
    const a = ((await (await redeem(fan, box.id, { shipping })).json()) as { redemption: Redemption }).redemption;
    const b = ((await (await redeem(fan, coupon.id)).json()) as { redemption: Redemption }).redemption;
    const queue = (await (await api("/redemptions", { as: staff })).json()) as { redemptions: Redemption[] };
    expect(queue.redemptions.map((r) => r.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const shipTwice = await Promise.all([1, 2].map(() => api(`/redemptions/${a.id}/transitions`, { as: staff, json: { action: "ship", note: "顺丰 SF1234567890" } })));
    expect(shipTwice.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await api(`/redemptions/${b.id}/transitions`, { as: staff, json: { action: "ship", note: "x" } })).status).toBe(409);
    const done = await api(`/redemptions/${b.id}/transitions`, { as: staff, json: { action: "fulfil", note: "券码 ABCD-1234" } });
    expect(((await done.json()) as { redemption: Redemption }).redemption).toMatchObject({ status: "fulfilled", staffNote: "券码 ABCD-1234" });
    const mine = (await (await api("/me/redemptions", { as: fan })).json()) as { redemptions: Redemption[] };
    expect(mine.redemptions.find((r) => r.id === a.id)).toMatchObject({ status: "shipped", staffNote: "顺丰 SF1234567890", refunded: false });
    expect(await pointsOf(fan.user.id)).toBe(80);
  });

  it("audits staff edits and moves stock by a delta that can't go below zero", async () => {
    const item = await createItem({ title: "定制徽章", stock: 4 });
    const restock = await api(`/rewards/${item.id}`, { method: "PATCH", as: staff, json: { stockDelta: 6, pointsPrice: 150 } });
    expect(((await restock.json()) as { reward: { stock: number; pointsPrice: number } }).reward).toMatchObject({ stock: 10, pointsPrice: 150 });
    const tooMany = await api(`/rewards/${item.id}`, { method: "PATCH", as: staff, json: { stockDelta: -11 } });
    expect(tooMany.status).toBe(422);
    expect(((await tooMany.json()) as ApiError).error.fields).toEqual({ stockDelta: ["Stock can't go below zero."] });
    expect(await stockOf(item.id)).toBe(10);
    const log = await db.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, item.id)).orderBy(auditLog.at, auditLog.id);
    expect(log.map((l) => l.action)).toEqual(["gamification.reward.created", "gamification.reward.stockChanged"]);
    expect(log[1]).toMatchObject({ before: { stock: 4, pointsPrice: 100 }, after: { stock: 10, pointsPrice: 150, stockDelta: 6 } });
    // Retired items leave the shelf and can't be redeemed.
    await api(`/rewards/${item.id}`, { method: "PATCH", as: staff, json: { active: false } });
    const fan = await member({ points: 500 });
    expect((await redeem(fan, item.id)).status).toBe(404);
    const shelf = (await (await api("/rewards")).json()) as { rewards: { id: string }[] };
    expect(shelf.rewards.map((r) => r.id)).not.toContain(item.id);
  });

  it("answers bad input on every operation with 4xx and field messages, changing nothing", async () => {
    const item = await createItem({ title: "坏输入测试", stock: 5 });
    const fan = await member({ points: 500 });
    const before = { stock: await stockOf(item.id), points: await pointsOf(fan.user.id), redemptions: await countRedemptions(item.id) };
    const cases: [string, Promise<Response>, number, string[]][] = [
      ["create: empty", api("/rewards", { as: staff, json: {} }), 422, ["title", "kind", "pointsPrice", "stock"]],
      ["create: bad values", api("/rewards", { as: staff, json: { title: "x".repeat(41), kind: "car", pointsPrice: 0, stock: -1, minLevel: 12 } }), 422, ["title", "kind", "pointsPrice", "stock", "minLevel"]],
      ["create: window backwards", api("/rewards", { as: staff, json: { title: "t", kind: "virtual", pointsPrice: 1, stock: 1, startsAt: "2026-12-02T00:00:00Z", endsAt: "2026-12-01T00:00:00Z" } }), 422, ["endsAt"]],
      ["create: not a date", api("/rewards", { as: staff, json: { title: "t", kind: "virtual", pointsPrice: 1, stock: 1, startsAt: "tomorrow" } }), 422, ["startsAt"]],
      ["create: unknown field", api("/rewards", { as: staff, json: { title: "t", kind: "virtual", pointsPrice: 1, stock: 1, price: 5 } }), 422, ["price"]],
      ["update: nothing", api(`/rewards/${item.id}`, { method: "PATCH", as: staff, json: {} }), 422, ["_"]],
      ["update: bad price", api(`/rewards/${item.id}`, { method: "PATCH", as: staff, json: { pointsPrice: 1.5 } }), 422, ["pointsPrice"]],
      ["update: bad id", api(`/rewards/nope`, { method: "PATCH", as: staff, json: { pointsPrice: 5 } }), 422, ["rewardId"]],
      ["redeem: quantity", redeem(fan, item.id, { quantity: 0 }), 422, ["quantity"]],
      ["redeem: quantity type", redeem(fan, item.id, { quantity: "2" }), 422, ["quantity"]],
      ["redeem: bad key", redeem(fan, item.id, {}, { "idempotency-key": "short" }), 422, ["Idempotency-Key"]],
      ["redeem: bad id", redeem(fan, "not-a-uuid"), 422, ["rewardId"]],
      ["transition: unknown action", api(`/redemptions/${item.id}/transitions`, { as: staff, json: { action: "refund" } }), 422, ["action"]],
      ["transition: cancel without reason", api(`/redemptions/${item.id}/transitions`, { as: staff, json: { action: "cancel" } }), 422, ["note"]],
      ["queue: bad status", api("/redemptions?status=lost", { as: staff }), 422, ["status"]],
      ["mine: bad limit", api("/me/redemptions?limit=0", { as: fan }), 422, ["limit"]],
      ["shelf: bad flag", api("/rewards?all=yes"), 422, ["all"]],
      ["leaderboard: bad board", api("/leaderboards?board=likes&period=year"), 422, ["board", "period"]],
    ];
    for (const [name, pending, status, fields] of cases) {
      const res = await pending;
      expect(res.status, name).toBe(status);
      const body = (await res.json()) as ApiError;
      expect(Object.keys(body.error.fields ?? {}).sort(), name).toEqual([...fields].sort());
      for (const messages of Object.values(body.error.fields ?? {})) expect(messages.every((m) => m.length > 0 && !m.includes("rewards."))).toBe(true);
    }
    const unknown = await redeem(fan, "00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect((await api(`/redemptions/00000000-0000-4000-8000-000000000000/transitions`, { as: staff, json: { action: "fulfil" } })).status).toBe(404);
    expect({ stock: await stockOf(item.id), points: await pointsOf(fan.user.id), redemptions: await countRedemptions(item.id) }).toEqual(before);
  });

  it("lets only members redeem and only staff manage: visitors 401, members 403", async () => {
    const item = await createItem({ title: "权限测试", stock: 5 });
    const fan = await member({ points: 500 });
    const [pending] = await db.handle.db.select({ id: redemptions.id }).from(redemptions).where(eq(redemptions.status, "pending")).limit(1);
    const visitorCalls = [
      redeem(null as unknown as Member, item.id),
      api("/me/redemptions"),
      api("/rewards", { json: { title: "t", kind: "virtual", pointsPrice: 1, stock: 1 } }),
      api(`/rewards/${item.id}`, { method: "PATCH", json: { stockDelta: 1 } }),
      api("/redemptions"),
      api(`/redemptions/${pending!.id}/transitions`, { json: { action: "fulfil" } }),
      api("/rewards?all=true"),
    ];
    for (const res of await Promise.all(visitorCalls)) expect(res.status).toBe(401);
    const memberCalls = [
      api("/rewards", { as: fan, json: { title: "t", kind: "virtual", pointsPrice: 1, stock: 1 } }),
      api(`/rewards/${item.id}`, { method: "PATCH", as: fan, json: { stockDelta: 100 } }),
      api("/redemptions", { as: fan }),
      api(`/redemptions/${pending!.id}/transitions`, { as: fan, json: { action: "cancel", note: "自己退" } }),
      api("/rewards?all=true", { as: fan }),
    ];
    for (const res of await Promise.all(memberCalls)) expect(res.status).toBe(403);
    // Public reads work for everyone; staff see retired items with all=true.
    expect((await api("/rewards")).status).toBe(200);
    expect((await api(`/rewards/${item.id}`)).status).toBe(200);
    expect((await api("/rewards?all=true", { as: staff })).status).toBe(200);
    expect(await stockOf(item.id)).toBe(5);
    const [still] = await db.handle.db.select({ status: redemptions.status }).from(redemptions).where(eq(redemptions.id, pending!.id));
    expect(still!.status).toBe("pending");
  });
});
