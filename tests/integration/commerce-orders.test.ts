import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderLines, orders, outboxEvents, paymentAttempts, products, refunds, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { confirmDueOrders, expirePendingOrders, payOrder, SandboxPaymentProvider } from "../../server/commerce";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestProduct } from "../factories/commerce";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };
type Order = {
  id: string;
  number: string;
  status: string;
  totalCents: number;
  refundedCents: number;
  lines: { id: string; lineTotalCents: number; refundedCents: number; quantity: number; commissionRateBp: number }[];
  paidAt: string | null;
  confirmableAt: string | null;
  confirmedAt: string | null;
  lastPaymentError: string | null;
};

const DAY = 86_400_000;

describe("/api/v1 shop orders: stock, payment, refunds, confirmation", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  let staff: Member;
  let buyer: Member;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock, env: { DATABASE_POOL_SIZE: "12" } });
    staff = await member(["staff"]);
    buyer = await member();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function member(roles: Role[] = []): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("o") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
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

  async function order(who: Member, productId: string, quantity = 1): Promise<Order> {
    const res = await api("/orders", { as: who, json: { productId, quantity } });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { order: Order }).order;
  }
  async function pay(who: Member, orderId: string): Promise<Order> {
    const res = await api(`/orders/${orderId}/payment`, { as: who, method: "POST" });
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { order: Order }).order;
  }
  const refund = (orderId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    api(`/orders/${orderId}/refunds`, { as: staff, json: { reason: "买家申请退款", ...body }, headers });

  const stockOf = async (id: string) => (await db.handle.db.select({ stock: products.stock }).from(products).where(eq(products.id, id)))[0]!.stock;
  const eventsOf = async (type: string, orderId: string) =>
    db.handle.db
      .select({ payload: outboxEvents.payload })
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, type), sql`${outboxEvents.payload} ->> 'orderId' = ${orderId}`))
      .orderBy(outboxEvents.id);

  it("sells the last 5 units to exactly 5 of 100 buyers racing for them; stock ends at 0, never below", async () => {
    const product = await createTestProduct(db.handle.db, { title: "限量联名唇釉", stock: 5, priceCents: 8_800 });
    const racers: Member[] = [];
    for (let i = 0; i < 100; i++) racers.push(await member());
    const responses = await Promise.all(racers.map((m) => api("/orders", { as: m, json: { productId: product.id, quantity: 1 } })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(95);
    const refused = (await responses.find((r) => r.status === 409)!.json()) as ApiError;
    expect(refused.error.message).toBe("Sorry, not enough left in stock.");
    expect(await stockOf(product.id)).toBe(0);
    const [count] = await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(orderLines).where(eq(orderLines.productId, product.id));
    expect(Number(count!.n)).toBe(5);
  });

  it("asks for more than is left: 409, and the stock is untouched", async () => {
    const product = await createTestProduct(db.handle.db, { stock: 2 });
    const res = await api("/orders", { as: buyer, json: { productId: product.id, quantity: 3 } });
    expect(res.status).toBe(409);
    expect(await stockOf(product.id)).toBe(2);
  });

  it("refuses bad input with field messages and writes nothing", async () => {
    const product = await createTestProduct(db.handle.db, { stock: 3 });
    const before = await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(orders);
    for (const body of [{ productId: product.id, quantity: 0 }, { productId: product.id, quantity: 1.5 }, { productId: "nope", quantity: 1 }, {}]) {
      const res = await api("/orders", { as: buyer, json: body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(((await res.json()) as ApiError).error.fields).toBeDefined();
    }
    const after = await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(orders);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(await stockOf(product.id)).toBe(3);
    expect((await api("/orders", { json: { productId: product.id, quantity: 1 } })).status).toBe(401);
  });

  it("pays once however many times the buyer taps pay; the holding period sets when it may confirm", async () => {
    const product = await createTestProduct(db.handle.db, { priceCents: 5_000, stock: 10, commissionRateBp: 1_500 });
    const placed = await order(buyer, product.id, 2);
    expect(placed.status).toBe("pending");
    expect(placed.totalCents).toBe(10_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => api(`/orders/${placed.id}/payment`, { as: buyer, method: "POST" })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const paid = ((await results[0]!.json()) as { order: Order }).order;
    expect(paid.status).toBe("paid");
    expect(new Date(paid.confirmableAt!).getTime() - new Date(paid.paidAt!).getTime()).toBe(7 * DAY);
    const attempts = await db.handle.db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, placed.id));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.status).toBe("succeeded");
    const events = await eventsOf("commerce.order.paid", placed.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ orderId: placed.id, totalCents: 10_000, buyerId: buyer.user.id, lines: [{ quantity: 2, lineTotalCents: 10_000, commissionRateBp: 1_500 }] });
  });

  it("records a declined sandbox payment, keeps the order pending, and lets the buyer pay again", async () => {
    // The sandbox declines amounts ending in 13 cents.
    const product = await createTestProduct(db.handle.db, { priceCents: 1_913 });
    const placed = await order(buyer, product.id);
    const res = await api(`/orders/${placed.id}/payment`, { as: buyer, method: "POST" });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ApiError).error.message).toMatch(/declined/);
    const view = ((await (await api(`/orders/${placed.id}`, { as: buyer })).json()) as { order: Order }).order;
    expect(view.status).toBe("pending");
    expect(view.lastPaymentError).toMatch(/declined/);
    expect(await eventsOf("commerce.order.paid", placed.id)).toHaveLength(0);

    // A provider that declines everything, then one that doesn't: the second attempt pays.
    const product2 = await createTestProduct(db.handle.db, { priceCents: 2_000 });
    const second = await order(buyer, product2.id);
    const provider = new SandboxPaymentProvider();
    provider.declineAll = true;
    await expect(payOrder(server.ctx, buyer.user, second.id, { provider })).rejects.toMatchObject({ code: "CONFLICT" });
    provider.declineAll = false;
    expect((await payOrder(server.ctx, buyer.user, second.id, { provider })).status).toBe("paid");
    const attempts = await db.handle.db.select({ status: paymentAttempts.status }).from(paymentAttempts).where(eq(paymentAttempts.orderId, second.id)).orderBy(paymentAttempts.createdAt);
    expect(attempts.map((a) => a.status).sort()).toEqual(["failed", "succeeded"]);
  });

  it("never shows or pays another member's order: 404 on every id, same as an unknown one", async () => {
    const product = await createTestProduct(db.handle.db);
    const mine = await order(buyer, product.id);
    const stranger = await member();
    for (const [path, method] of [[`/orders/${mine.id}`, "GET"], [`/orders/${mine.id}/payment`, "POST"]] as const) {
      const res = await api(path, { as: stranger, method });
      expect(res.status, path).toBe(404);
    }
    expect((await api(`/orders/00000000-0000-4000-8000-000000000000`, { as: stranger })).status).toBe(404);
    const list = (await (await api("/me/orders", { as: stranger })).json()) as { orders: Order[] };
    expect(list.orders.map((o) => o.id)).not.toContain(mine.id);
    // Members can't refund or list everyone's orders; staff can see it.
    expect((await api(`/orders/${mine.id}/refunds`, { as: stranger, json: { reason: "x" } })).status).toBe(403);
    expect((await api(`/orders`, { as: stranger })).status).toBe(403);
    expect((await api(`/orders/${mine.id}`, { as: staff })).status).toBe(200);
    expect(((await (await api(`/orders/${mine.id}/payment`, { as: buyer, method: "POST" })).json()) as { order: Order }).order.status).toBe("paid");
  });

  it("refunds in part, spread over the lines, then the rest; over-refunding is 422 and changes nothing", async () => {
    const product = await createTestProduct(db.handle.db, { priceCents: 3_333, stock: 10 });
    const paid = await pay(buyer, (await order(buyer, product.id, 3)).id);
    expect(paid.totalCents).toBe(9_999);

    const tooMuch = await refund(paid.id, { amountCents: 10_000 });
    expect(tooMuch.status).toBe(422);
    expect(((await tooMuch.json()) as ApiError).error.fields?.amountCents).toEqual(["That is more than is left to refund on this order."]);

    const first = await refund(paid.id, { amountCents: 1_000 }, { "Idempotency-Key": "refund-test-0001" });
    expect(first.status).toBe(201);
    const partly = ((await first.json()) as { order: Order }).order;
    expect(partly.status).toBe("partially_refunded");
    expect(partly.refundedCents).toBe(1_000);
    expect(partly.lines[0]!.refundedCents).toBe(1_000);

    // The same key again: nothing new.
    const again = await refund(paid.id, { amountCents: 1_000 }, { "Idempotency-Key": "refund-test-0001" });
    expect(again.status).toBe(201);
    expect(((await again.json()) as { replayed: boolean }).replayed).toBe(true);

    const over = await refund(paid.id, { amountCents: 9_000 });
    expect(over.status).toBe(422);

    const rest = await refund(paid.id, {});
    const full = ((await rest.json()) as { order: Order }).order;
    expect(full.status).toBe("refunded");
    expect(full.refundedCents).toBe(9_999);
    expect((await refund(paid.id, { amountCents: 1 })).status).toBe(409);

    const events = await eventsOf("commerce.order.refunded", paid.id);
    expect(events.map((e) => e.payload.amountCents)).toEqual([1_000, 8_999]);
    expect(events.map((e) => e.payload.full)).toEqual([false, true]);
    const rows = await db.handle.db.select().from(refunds).where(eq(refunds.orderId, paid.id));
    expect(rows.reduce((s, r) => s + r.amountCents, 0)).toBe(9_999);
  });

  it("lets 20 racing partial refunds of ¥10 give back exactly the ¥100 paid: 10 succeed, 10 are refused, never more", async () => {
    const product = await createTestProduct(db.handle.db, { priceCents: 10_000, stock: 5 });
    const paid = await pay(buyer, (await order(buyer, product.id)).id);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => refund(paid.id, { amountCents: 1_000, requestKey: `race-refund-${i}` })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 422 || s === 409)).toHaveLength(10);
    const [row] = await db.handle.db.select().from(orders).where(eq(orders.id, paid.id));
    expect(row).toMatchObject({ status: "refunded", refundedCents: 10_000 });
    const events = await eventsOf("commerce.order.refunded", paid.id);
    expect(events.reduce((s, e) => s + Number(e.payload.amountCents), 0)).toBe(10_000);
  });

  it("confirms paid orders once their holding period is over, once, and never a fully refunded one", async () => {
    const product = await createTestProduct(db.handle.db, { priceCents: 1_000, stock: 10 });
    const kept = await pay(buyer, (await order(buyer, product.id)).id);
    const refunded = await pay(buyer, (await order(buyer, product.id)).id);
    expect((await refund(refunded.id, {})).status).toBe(201);

    await confirmDueOrders(server.ctx.db, { now: new Date(clock.now().getTime() + 6 * DAY) });
    expect((await db.handle.db.select({ s: orders.status }).from(orders).where(eq(orders.id, kept.id)))[0]!.s).toBe("paid");

    const later = new Date(clock.now().getTime() + 7 * DAY + 1);
    await confirmDueOrders(server.ctx.db, { now: later });
    await confirmDueOrders(server.ctx.db, { now: later });
    const [k] = await db.handle.db.select().from(orders).where(eq(orders.id, kept.id));
    const [r] = await db.handle.db.select().from(orders).where(eq(orders.id, refunded.id));
    expect(k!.status).toBe("confirmed");
    expect(r!.status).toBe("refunded");
    expect(await eventsOf("commerce.order.confirmed", kept.id)).toHaveLength(1);
    expect(await eventsOf("commerce.order.confirmed", refunded.id)).toHaveLength(0);
  });

  it("a refund racing the confirmation job ends consistent: either refunded and never confirmed, or confirmed then refunded", async () => {
    const product = await createTestProduct(db.handle.db, { priceCents: 2_500, stock: 100 });
    const placed: Order[] = [];
    for (let i = 0; i < 20; i++) placed.push(await pay(buyer, (await order(buyer, product.id)).id));
    const due = new Date(clock.now().getTime() + 8 * DAY);
    await Promise.all([
      ...placed.map((o) => refund(o.id, {})),
      confirmDueOrders(server.ctx.db, { now: due }),
      confirmDueOrders(server.ctx.db, { now: due }),
    ]);
    // Orders the job skipped while a refund held them are picked up by a later run.
    await confirmDueOrders(server.ctx.db, { now: due });
    for (const o of placed) {
      const [row] = await db.handle.db.select().from(orders).where(eq(orders.id, o.id));
      expect(row!.status).toBe("refunded");
      expect(row!.refundedCents).toBe(2_500);
      const refundedEvents = await eventsOf("commerce.order.refunded", o.id);
      const confirmedEvents = await eventsOf("commerce.order.confirmed", o.id);
      expect(refundedEvents).toHaveLength(1);
      expect(confirmedEvents.length).toBeLessThanOrEqual(1);
      // Confirmed only if the job got there before the refund did.
      if (confirmedEvents.length === 1) expect(row!.confirmedAt).not.toBeNull();
      else expect(row!.confirmedAt).toBeNull();
    }
  });

  it("cancels pending orders after 30 minutes and puts their units back", async () => {
    const product = await createTestProduct(db.handle.db, { stock: 4 });
    const placed = await order(buyer, product.id, 3);
    expect(await stockOf(product.id)).toBe(1);
    await expirePendingOrders(server.ctx.db, { now: new Date(clock.now().getTime() + 29 * 60_000) });
    expect(await stockOf(product.id)).toBe(1);
    await expirePendingOrders(server.ctx.db, { now: new Date(clock.now().getTime() + 30 * 60_000) });
    expect(await stockOf(product.id)).toBe(4);
    const view = ((await (await api(`/orders/${placed.id}`, { as: buyer })).json()) as { order: Order }).order;
    expect(view.status).toBe("cancelled");
    expect(await eventsOf("commerce.order.cancelled", placed.id)).toHaveLength(1);
    expect((await api(`/orders/${placed.id}/payment`, { as: buyer, method: "POST" })).status).toBe(409);
  });
});
