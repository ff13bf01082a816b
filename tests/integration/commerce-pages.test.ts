import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as orderPage from "../../app/routes/orders.$id";
import * as myOrdersPage from "../../app/routes/me.orders";
import * as opsOrdersPage from "../../app/routes/ops.orders";
import * as opsProductPage from "../../app/routes/ops.products.$id";
import * as opsProductsPage from "../../app/routes/ops.products._index";
import * as opsStoresPage from "../../app/routes/ops.stores";
import * as productPage from "../../app/routes/products.$id";
import * as shopPage from "../../app/routes/products._index";
import { auditLog, externalStores, orders, products, type Role } from "../../db/schema";
import type { CurrentUser } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { createTestProduct } from "../factories/commerce";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

describe("shop pages: products, checkout, pay, my orders, staff products, orders and stores", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  let staff: { user: CurrentUser; cookie: string };
  let buyer: { user: CurrentUser; cookie: string };
  let other: { user: CurrentUser; cookie: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    staff = await account(["staff"]);
    buyer = await account([]);
    other = await account([]);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function account(roles: Role[]) {
    const { user } = await createTestUser(ctx.db, { roles, now: ctx.clock.now() });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return { user, cookie: sessionCookie(ctx, session).split(";")[0]! };
  }

  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);
  const post: ReturnType<typeof routeCaller>["post"] = (...args) => routeCaller(context).post(...args);

  it("buys a product without JavaScript: product page → order page → pay (twice is once) → my orders", async () => {
    const product = await createTestProduct(ctx.db, { title: "手冲咖啡挂耳 10 包", priceCents: 4_900, stock: 3 });
    const shop = await (await get(asRoute(shopPage), "/products")).json();
    expect(shop.products.map((p: { id: string }) => p.id)).toContain(product.id);
    const page = await (await get(asRoute(productPage), `/products/${product.id}`, undefined, { id: product.id })).json();
    expect(page).toMatchObject({ signedIn: false, product: { priceCents: 4_900, stock: 3 } });

    const tooMany = await post(asRoute(productPage), `/products/${product.id}`, buyer.cookie, { quantity: "4" }, { id: product.id });
    expect(tooMany.status).toBe(409);
    expect((await tooMany.json()).failure.message).toBe("抱歉，库存不足。");
    const zero = await post(asRoute(productPage), `/products/${product.id}`, buyer.cookie, { quantity: "0" }, { id: product.id });
    expect(zero.status).toBe(422);
    expect((await zero.json()).failure.fields.quantity).toEqual(["每单可购买 1–99 件。"]);

    const placed = await thrown(post(asRoute(productPage), `/products/${product.id}`, buyer.cookie, { quantity: "2" }, { id: product.id }));
    expect(placed.status).toBe(302);
    const orderId = placed.headers.get("location")!.split("/").pop()!;
    const pending = await (await get(asRoute(orderPage), `/orders/${orderId}`, buyer.cookie, { id: orderId })).json();
    expect(pending.order).toMatchObject({ status: "pending", totalCents: 9_800 });

    // Someone else's order is a 404, on the page and on its pay button.
    expect((await thrown(get(asRoute(orderPage), `/orders/${orderId}`, other.cookie, { id: orderId }))).status).toBe(404);
    expect((await thrown(post(asRoute(orderPage), `/orders/${orderId}`, other.cookie, {}, { id: orderId }))).status).toBe(404);

    const paid = await Promise.all([1, 2].map(() => post(asRoute(orderPage), `/orders/${orderId}`, buyer.cookie, {}, { id: orderId })));
    for (const res of paid) expect((await res.json()).paid).toBe(true);
    const [row] = await ctx.db.select().from(orders).where(eq(orders.id, orderId));
    expect(row!.status).toBe("paid");

    const mine = await (await get(asRoute(myOrdersPage), "/me/orders", buyer.cookie)).json();
    expect(mine.orders.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([[orderId, "paid"]]);
    const theirs = await (await get(asRoute(myOrdersPage), "/me/orders", other.cookie)).json();
    expect(theirs.orders).toEqual([]);
  });

  it("shows a declined sandbox payment next to the pay button and keeps the order pending", async () => {
    const product = await createTestProduct(ctx.db, { priceCents: 913 });
    const placed = await thrown(post(asRoute(productPage), `/products/${product.id}`, buyer.cookie, { quantity: "1" }, { id: product.id }));
    const orderId = placed.headers.get("location")!.split("/").pop()!;
    const res = await post(asRoute(orderPage), `/orders/${orderId}`, buyer.cookie, {}, { id: orderId });
    expect(res.status).toBe(409);
    expect((await res.json()).failure.message).toBe("支付被拒绝，未扣款，可以重试。");
    const view = await (await get(asRoute(orderPage), `/orders/${orderId}`, buyer.cookie, { id: orderId })).json();
    expect(view.order.status).toBe("pending");
  });

  it("lets staff add and edit products from the form (yuan and percent), with field messages; members get 403", async () => {
    expect((await thrown(get(asRoute(opsProductsPage), "/ops/products", buyer.cookie))).status).toBe(403);
    const bad = await post(asRoute(opsProductsPage), "/ops/products", staff.cookie, { title: "", price: "abc", stock: "-1", rate: "120", status: "active" });
    expect(bad.status).toBe(422);
    const fields = (await bad.json()).failure.fields;
    expect(Object.keys(fields).sort()).toEqual(["commissionRateBp", "priceCents", "stock", "title"]);

    const ok = await post(asRoute(opsProductsPage), "/ops/products", staff.cookie, { title: "有机燕麦片 1kg", price: "39.90", stock: "50", rate: "12.5", status: "active" });
    const created = (await ok.json()).created as string;
    const [row] = await ctx.db.select().from(products).where(eq(products.id, created));
    expect(row).toMatchObject({ priceCents: 3_990, stock: 50, commissionRateBp: 1_250 });

    const edit = await post(asRoute(opsProductPage), `/ops/products/${created}`, staff.cookie, { title: "有机燕麦片 1kg 装", price: "35", stockDelta: "+10", rate: "12.5", status: "active" }, { id: created });
    expect((await edit.json()).saved).toBe(true);
    const [after] = await ctx.db.select().from(products).where(eq(products.id, created));
    expect(after).toMatchObject({ title: "有机燕麦片 1kg 装", priceCents: 3_500, stock: 60 });
    const audits = await ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, created));
    expect(audits.map((a) => a.action).sort()).toEqual(["commerce.product.created", "commerce.product.stockChanged"]);
  });

  it("lets staff refund from the orders page (a double submit refunds once) and set the holding period", async () => {
    const product = await createTestProduct(ctx.db, { priceCents: 10_000 });
    const placed = await thrown(post(asRoute(productPage), `/products/${product.id}`, buyer.cookie, { quantity: "1" }, { id: product.id }));
    const orderId = placed.headers.get("location")!.split("/").pop()!;
    await post(asRoute(orderPage), `/orders/${orderId}`, buyer.cookie, {}, { id: orderId });
    expect((await thrown(get(asRoute(opsOrdersPage), "/ops/orders", buyer.cookie))).status).toBe(403);
    const list = await (await get(asRoute(opsOrdersPage), "/ops/orders?status=paid", staff.cookie)).json();
    expect(list.orders.map((o: { id: string }) => o.id)).toContain(orderId);

    const over = await post(asRoute(opsOrdersPage), "/ops/orders", staff.cookie, { intent: "refund", orderId, amount: "100.01", reason: "退差价", requestKey: "web-refund-0" });
    expect(over.status).toBe(422);
    const overBody = await over.json();
    expect(overBody.failure.fields.amountCents, JSON.stringify(overBody)).toEqual(["超出了该订单剩余可退金额。"]);
    const form = { intent: "refund", orderId, amount: "30", reason: "退差价", requestKey: "web-refund-0" };
    await Promise.all([post(asRoute(opsOrdersPage), "/ops/orders", staff.cookie, form), post(asRoute(opsOrdersPage), "/ops/orders", staff.cookie, form)]);
    const [row] = await ctx.db.select().from(orders).where(eq(orders.id, orderId));
    expect(row).toMatchObject({ status: "partially_refunded", refundedCents: 3_000 });

    const bad = await post(asRoute(opsOrdersPage), "/ops/orders", staff.cookie, { intent: "holding", holdingDays: "100" });
    expect(bad.status).toBe(422);
    await post(asRoute(opsOrdersPage), "/ops/orders", staff.cookie, { intent: "holding", holdingDays: "3" });
    expect((await (await get(asRoute(opsOrdersPage), "/ops/orders", staff.cookie)).json()).holding).toEqual({ holdingDays: 3 });
  });

  it("shows a new store's secret once, in the answer to the form, never in the page's data", async () => {
    expect((await thrown(post(asRoute(opsStoresPage), "/ops/stores", buyer.cookie, { slug: "x-store", name: "X" }))).status).toBe(403);
    const created = await (await post(asRoute(opsStoresPage), "/ops/stores", staff.cookie, { slug: "youzan-demo", name: "有赞小店" })).json();
    const [store] = await ctx.db.select().from(externalStores).where(eq(externalStores.slug, "youzan-demo"));
    expect(created.created.secret).toBe(store!.secret);
    const page = await (await get(asRoute(opsStoresPage), "/ops/stores", staff.cookie)).json();
    expect(JSON.stringify(page)).not.toContain(store!.secret);
    expect(page.stores.map((s: { slug: string }) => s.slug)).toContain("youzan-demo");
  });
});
