import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalStores, orders, outboxEvents, refunds } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { signBody } from "../../server/commerce";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestProduct } from "../factories/commerce";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type Member = { user: CurrentUser; token: string };
type Order = { id: string; status: string; totalCents: number; refundedCents: number; source: string; buyer: { id: string } | null };

describe("/api/v1 external store webhook: signed, idempotent, any order of arrival", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  let staff: Member;
  let store: { slug: string; secret: string; id: string };

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock, env: { DATABASE_POOL_SIZE: "12" } });
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles: ["staff"], handle: uniqueHandle("s") });
    staff = { user, token: (await createAccessToken(server.ctx, user.id, { name: "test" })).token };
    const res = await api("/stores", { as: staff, body: JSON.stringify({ slug: "tmall-flagship", name: "天猫旗舰店" }) });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as { store: { id: string; slug: string }; secret: string };
    expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
    store = { slug: created.store.slug, secret: created.secret, id: created.store.id };
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const api = (path: string, init: { body?: string; as?: Member; headers?: Record<string, string>; method?: string } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.body !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
        ...init.headers,
      },
      body: init.body,
    });

  /** Delivers exactly these bytes, signed (or with the signature given). */
  const deliver = (raw: string, signature: string | null = signBody(store.secret, raw), slug = store.slug) =>
    api(`/stores/${slug}/orders`, { body: raw, headers: signature === null ? {} : { "X-Seedbed-Signature": signature } });

  const body = (externalOrderId: string, fields: Record<string, unknown> = {}) => ({
    externalOrderId,
    status: "paid",
    totalCents: 25_800,
    refundedCents: 0,
    lines: [
      { title: "氨基酸洁面乳", quantity: 2, unitPriceCents: 7_900 },
      { title: "防晒喷雾", quantity: 1, unitPriceCents: 10_000 },
    ],
    occurredAt: "2026-11-24T01:00:00Z",
    ...fields,
  });

  const ordersOf = (externalOrderId: string) =>
    db.handle.db.select().from(orders).where(and(eq(orders.storeId, store.id), eq(orders.externalOrderId, externalOrderId)));
  const eventsOf = async (type: string, orderId: string) =>
    db.handle.db
      .select({ payload: outboxEvents.payload })
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, type), sql`${outboxEvents.payload} ->> 'orderId' = ${orderId}`))
      .orderBy(outboxEvents.id);

  it("turns the same delivery sent 20 times at once into one order and one paid event", async () => {
    // Odd spacing on purpose: the signature covers these exact bytes, not a re-serialisation.
    const raw = JSON.stringify(body("TM-20261124-0001"), null, 1);
    const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(raw)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const changed = await Promise.all(responses.map(async (r) => ((await r.json()) as { changed: boolean }).changed));
    expect(changed.filter(Boolean)).toHaveLength(1);
    const rows = await ordersOf("TM-20261124-0001");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("paid");
    expect(rows[0]!.source).toBe("external");
    expect(await eventsOf("commerce.order.paid", rows[0]!.id)).toHaveLength(1);
  });

  it("answers 401 to a bad or missing signature, or an unknown store, and writes nothing", async () => {
    const raw = JSON.stringify(body("TM-BAD-SIG"));
    const [{ n: before }] = (await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(outboxEvents)) as [{ n: number }];
    const tampered = raw.replace("25800", "25801");
    for (const res of [
      await deliver(raw, signBody("not-the-secret", raw)),
      await deliver(raw, null),
      await deliver(raw, "sha256=deadbeef"),
      await deliver(tampered, signBody(store.secret, raw)),
      await deliver(raw, signBody(store.secret, raw), "no-such-store"),
    ]) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    }
    expect(await ordersOf("TM-BAD-SIG")).toHaveLength(0);
    const [{ n: after }] = (await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(outboxEvents)) as [{ n: number }];
    expect(after).toBe(before);
  });

  it("ends in the same state when the refund arrives before the paid delivery", async () => {
    const id = "TM-20261124-0002";
    const refunded = JSON.stringify(body(id, { status: "refunded", refundedCents: 25_800, occurredAt: "2026-11-24T01:30:00Z", placedAt: "2026-11-24T01:00:00Z" }));
    const partly = JSON.stringify(body(id, { status: "partially_refunded", refundedCents: 10_000, occurredAt: "2026-11-24T01:20:00Z" }));
    const paid = JSON.stringify(body(id));
    for (const raw of [refunded, paid, partly, refunded]) expect((await deliver(raw)).status).toBe(200);
    const [row] = await ordersOf(id);
    expect(row!.status).toBe("refunded");
    expect(row!.refundedCents).toBe(25_800);
    expect(await eventsOf("commerce.order.paid", row!.id)).toHaveLength(1);
    const refundEvents = await eventsOf("commerce.order.refunded", row!.id);
    expect(refundEvents.map((e) => e.payload.amountCents)).toEqual([25_800]);
    // Paid comes before its refund in the outbox, so consumers see money in before money out.
    const types = await db.handle.db
      .select({ type: outboxEvents.type })
      .from(outboxEvents)
      .where(sql`${outboxEvents.payload} ->> 'orderId' = ${row!.id}`)
      .orderBy(outboxEvents.id);
    expect(types.map((t) => t.type)).toEqual(["commerce.order.paid", "commerce.order.refunded"]);
  });

  it("refunds step by step to the highest total reported, each step once, whatever the order", async () => {
    const id = "TM-20261124-0003";
    const step = (refundedCents: number, status: string) => JSON.stringify(body(id, { status, refundedCents }));
    expect((await deliver(step(0, "paid"))).status).toBe(200);
    await Promise.all([deliver(step(5_000, "partially_refunded")), deliver(step(5_000, "partially_refunded")), deliver(step(12_000, "partially_refunded"))]);
    expect((await deliver(step(5_000, "partially_refunded"))).status).toBe(200);
    const [row] = await ordersOf(id);
    expect(row!.status).toBe("partially_refunded");
    expect(row!.refundedCents).toBe(12_000);
    const events = await eventsOf("commerce.order.refunded", row!.id);
    expect(events.reduce((s, e) => s + Number(e.payload.amountCents), 0)).toBe(12_000);
    const rows = await db.handle.db.select().from(refunds).where(eq(refunds.orderId, row!.id));
    expect(rows.reduce((s, r) => s + r.amountCents, 0)).toBe(12_000);
  });

  it("links the buyer by email, takes our product's commission rate, and refuses inconsistent bodies with 422", async () => {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), handle: uniqueHandle("b") });
    const product = await createTestProduct(db.handle.db, { commissionRateBp: 1_200, priceCents: 9_900 });
    const raw = JSON.stringify(
      body("TM-20261124-0004", { totalCents: 9_900, lines: [{ productId: product.id, title: "同款", quantity: 1, unitPriceCents: 9_900 }], buyer: { email: user.email.toUpperCase() } }),
    );
    const res = await deliver(raw);
    expect(res.status).toBe(200);
    const view = ((await res.json()) as { order: Order & { lines: { commissionRateBp: number }[] } }).order;
    expect(view.buyer?.id).toBe(user.id);
    expect(view.lines[0]!.commissionRateBp).toBe(1_200);

    const wrongTotal = JSON.stringify(body("TM-20261124-0005", { totalCents: 100 }));
    const bad = await deliver(wrongTotal);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields.totalCents).toBeDefined();
    expect(await ordersOf("TM-20261124-0005")).toHaveLength(0);
    const notJson = "{not json";
    expect((await deliver(notJson)).status).toBe(400);
  });

  it("lets only staff connect a store; the secret is never stored in the audit log", async () => {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), handle: uniqueHandle("m") });
    const memberToken = (await createAccessToken(server.ctx, user.id, { name: "test" })).token;
    const res = await api("/stores", { as: { user, token: memberToken }, body: JSON.stringify({ slug: "jd-store", name: "京东店" }) });
    expect(res.status).toBe(403);
    expect(await db.handle.db.select().from(externalStores).where(eq(externalStores.slug, "jd-store"))).toHaveLength(0);
    const dup = await api("/stores", { as: staff, body: JSON.stringify({ slug: store.slug, name: "again" }) });
    expect(dup.status).toBe(422);
    const audit = await db.handle.db.execute(sql`select after::text as after from audit_log where action = 'commerce.store.created'`);
    expect(JSON.stringify(audit)).not.toContain(store.secret);
  });
});
