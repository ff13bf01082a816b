import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkClicks, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { commissionsConsumers } from "../../server/distribution";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import { backfillMetrics, getCreatorMetrics, getPlatformMetrics, listCreatorMetrics, metricsDailySchedule } from "../../server/ops/metrics";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { rowsOf } from "../../server/shared/sql-rows";
import { createTestMcn, signTestCreator } from "../factories/creators-mcn";
import { createPaidOrder, createTestLink, refundOrder } from "../factories/distribution-earnings";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type Caller = { user: CurrentUser; token: string } | null;

/*
 * Two creators' links, five attributed orders over three platform-local days (Asia/Shanghai), one of
 * them partly refunded, one buyer who had bought before the range and one who buys twice inside it:
 *
 *   2026-11-10  b1 buys through A (¥100)                          — before the range
 *   2026-11-18  b1 again through A (¥100); b2 through A (¥100), later ¥25 refunded; 4 counted clicks on A (+1 repeat)
 *   2026-11-20  b2 again through A (¥100); b3 two pieces through B (2 × ¥50); 2 counted clicks on B
 *
 * Over 18–20 November: A has GMV ¥275 (net of the ¥25), 3 orders, commission 10 % of it (¥27.50: the
 * refund took back ¥2.50 of ¥10), 1 new buyer (b2; b1 bought before), 4 clicks, 75 % conversion;
 * B has GMV ¥100, 1 order, 1 new buyer, 2 clicks, 50 % conversion, and a commission of 20 % = ¥20 of which
 * B's MCN takes its 30 % contract share: B's own commission is ¥14 (the platform's commission cost stays ¥20).
 */
describe("ops creator metrics: per-creator GMV, commission, orders, new buyers, clicks and conversion", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-23T04:00:00Z");
  const callers: Record<string, Caller> = {};
  let a: CurrentUser;
  let b: CurrentUser;
  let staff: CurrentUser;
  const ctx = () => server.ctx;
  const tz = () => server.ctx.config.platformTimeZone;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 12 });
    server = await startTestServer(db, { clock });
    const roles: Record<string, Role[]> = { member: [], creator: ["creator"], mcn_admin: ["mcn_admin"], staff: ["staff"], admin: ["admin"] };
    callers.visitor = null;
    for (const [name, r] of Object.entries(roles)) {
      const { user } = await createTestUser(db.handle.db, { now: new Date("2026-10-01T00:00:00Z"), roles: r, handle: uniqueHandle("zz") });
      callers[name] = { user, token: (await createAccessToken(server.ctx, user.id, { name: "test" })).token };
    }
    staff = callers.staff!.user;

    const old = { now: new Date("2026-10-01T00:00:00Z") };
    a = (await createTestUser(db.handle.db, { ...old, roles: ["creator"], handle: uniqueHandle("aa") })).user;
    b = (await createTestUser(db.handle.db, { ...old, roles: ["creator"], handle: uniqueHandle("bb") })).user;
    clock.set("2026-11-01T04:00:00Z"); // signed with the MCN before any of the orders
    await signTestCreator(server.ctx, await createTestMcn(server.ctx), { creator: b, shareBp: 3_000, startsOn: "2026-11-01" });
    clock.set("2026-11-23T04:00:00Z");
    const [b1, b2, b3] = await Promise.all([1, 2, 3].map(async () => (await createTestUser(db.handle.db, old)).user));
    const la = await createTestLink(db.handle.db, a.id, { priceCents: 10_000, commissionRateBp: 1_000, now: old.now });
    const lb = await createTestLink(db.handle.db, b.id, { priceCents: 5_000, commissionRateBp: 2_000, now: old.now });
    const viaA = (buyer: CurrentUser, paidAt: string) =>
      createPaidOrder(db.handle.db, { buyerId: buyer.id, creatorId: a.id, linkId: la.link.id, paidAt: new Date(paidAt), lines: [{ productId: la.productId, unitPriceCents: 10_000, commissionRateBp: 1_000 }] });

    await viaA(b1!, "2026-11-10T03:00:00Z");
    await viaA(b1!, "2026-11-18T03:00:00Z");
    const refunded = await viaA(b2!, "2026-11-18T05:00:00Z");
    await viaA(b2!, "2026-11-20T02:00:00Z");
    await createPaidOrder(db.handle.db, {
      buyerId: b3!.id,
      creatorId: b.id,
      linkId: lb.link.id,
      paidAt: new Date("2026-11-19T16:30:00Z"), // 00:30 on the 20th in Shanghai
      lines: [{ productId: lb.productId, unitPriceCents: 5_000, quantity: 2, commissionRateBp: 2_000 }],
    });
    const clickAt = new Date("2026-11-18T06:00:00Z");
    for (let i = 0; i < 4; i++) await db.handle.db.insert(linkClicks).values({ linkId: la.link.id, visitorId: `a${i}`, at: clickAt, counted: true });
    await db.handle.db.insert(linkClicks).values({ linkId: la.link.id, visitorId: "a0", at: clickAt, counted: false });
    for (let i = 0; i < 2; i++) await db.handle.db.insert(linkClicks).values({ linkId: lb.link.id, visitorId: `b${i}`, at: new Date("2026-11-20T01:00:00Z"), counted: true });

    const drain = () =>
      createJobRunner({ db: db.handle.db, logger: createLogger({ level: "silent" }), clock, consumers: commissionsConsumers, context: { config: server.ctx.config, realtime: server.ctx.realtime } }).drain();
    await drain();
    // The shop's refund: the order and line amounts, then the event the commission reversal follows.
    await db.handle.db.execute(sql`update orders set refunded_cents = 2500, status = 'partially_refunded' where id = ${refunded.orderId}`);
    await db.handle.db.execute(sql`update order_lines set refunded_cents = 2500 where order_id = ${refunded.orderId}`);
    await refundOrder(db.handle.db, refunded, { perLine: [2_500], at: new Date("2026-11-21T02:00:00Z") });
    await drain();
    await backfillMetrics(db.handle.db, "2026-11-01", "2026-11-23", tz(), clock.now());
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const range = { from: "2026-11-18", to: "2026-11-20" };

  it("each creator's numbers over the range, by GMV: net of the partial refund, the repeat buyer counted new once, conversion per counted click", async () => {
    const page = await listCreatorMetrics(ctx(), staff, range);
    expect(page).toMatchObject({ from: range.from, to: range.to, sort: "gmv", dir: "desc", total: 2, nextCursor: null });
    expect(page.items).toEqual([
      { creatorId: a.id, handle: a.handle, displayName: a.displayName, gmvCents: 27_500, orders: 3, commissionCents: 2_750, newBuyers: 1, clicks: 4, conversionBp: 7_500 },
      { creatorId: b.id, handle: b.handle, displayName: b.displayName, gmvCents: 10_000, orders: 1, commissionCents: 1_400, newBuyers: 1, clicks: 2, conversionBp: 5_000 },
    ]);
    // A buyer is new in the range where their first order with the creator falls: b2 on the 18th, b1 on the 10th.
    // (Both sold ¥100 that day: by handle, so the tie doesn't decide the order.)
    expect((await listCreatorMetrics(ctx(), staff, { from: "2026-11-20", to: "2026-11-20", sort: "creator" })).items.map((r) => [r.handle, r.newBuyers])).toEqual([
      [a.handle, 0],
      [b.handle, 1],
    ]);
    expect((await listCreatorMetrics(ctx(), staff, { from: "2026-11-10", to: "2026-11-20" })).items[0]).toMatchObject({ creatorId: a.id, newBuyers: 2, orders: 4, gmvCents: 37_500 });
    // The default range is the 30 days ending today (the 23rd): everything above.
    expect((await listCreatorMetrics(ctx(), staff)).items.map((r) => r.gmvCents)).toEqual([37_500, 10_000]);
  });

  it("summed over creators, GMV, orders and clicks equal the platform dashboard's link numbers for the same days", async () => {
    for (const r of [range, { from: "2026-11-01", to: "2026-11-23" }, { from: "2026-11-20", to: "2026-11-20" }]) {
      const board = await listCreatorMetrics(ctx(), staff, { ...r, limit: 100 });
      const platform = await getPlatformMetrics(ctx(), staff, r);
      const sum = (k: "gmvCents" | "orders" | "clicks") => board.items.reduce((s, i) => s + i[k], 0);
      expect({ gmv: sum("gmvCents"), orders: sum("orders"), clicks: sum("clicks") }).toEqual({ gmv: platform.totals.linkGmvCents, orders: platform.totals.linkOrders, clicks: platform.totals.linkClicks });
      // Commission is the creators' own shares: the platform's cost adds B's MCN's 30 % of ¥20 where B sold.
      const mcnShare = r.from <= "2026-11-20" && r.to >= "2026-11-20" ? 600 : 0;
      expect(board.items.reduce((s, i) => s + i.commissionCents, 0) + mcnShare).toBe(platform.totals.commissionCents);
      // The dashboard's top creators are the same rows.
      for (const top of platform.topCreators) expect(board.items.find((i) => i.creatorId === top.creatorId)).toMatchObject({ gmvCents: top.gmvCents, orders: top.orders, commissionCents: top.commissionCents, newBuyers: top.newBuyers });
    }
  });

  it("sorts by every column either way, filters by a handle prefix, and pages with a cursor", async () => {
    const order = async (sort: string, dir?: "asc" | "desc") => (await listCreatorMetrics(ctx(), staff, { ...range, sort: sort as "gmv", dir })).items.map((r) => r.creatorId);
    expect(await order("gmv", "asc")).toEqual([b.id, a.id]);
    expect(await order("commission")).toEqual([a.id, b.id]);
    expect(await order("orders")).toEqual([a.id, b.id]);
    expect(await order("clicks", "asc")).toEqual([b.id, a.id]);
    expect(await order("conversion")).toEqual([a.id, b.id]);
    expect(await order("conversion", "asc")).toEqual([b.id, a.id]);
    expect(await order("creator")).toEqual([a.id, b.id]); // handles aa… before bb…
    expect(await order("creator", "desc")).toEqual([b.id, a.id]);
    expect(await order("newBuyers")).toHaveLength(2);

    expect((await listCreatorMetrics(ctx(), staff, { ...range, creator: `@${b.handle.slice(0, 4).toUpperCase()}` })).items.map((r) => r.creatorId)).toEqual([b.id]);
    expect((await listCreatorMetrics(ctx(), staff, { ...range, creator: "a%" })).items).toEqual([]);

    for (const sort of ["gmv", "creator", "conversion"] as const) {
      const first = await listCreatorMetrics(ctx(), staff, { ...range, sort, limit: 1 });
      expect(first.total).toBe(2);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await listCreatorMetrics(ctx(), staff, { ...range, sort, limit: 1, cursor: first.nextCursor! });
      expect({ sort, ids: [...first.items, ...second.items].map((r) => r.creatorId), next: second.nextCursor }).toEqual({ sort, ids: await order(sort), next: null });
    }
  });

  it("one creator's day-by-day series: every day of the range, totals equal to the board's row", async () => {
    const s = await getCreatorMetrics(ctx(), staff, a.id, range);
    expect(s.creator).toEqual({ creatorId: a.id, handle: a.handle, displayName: a.displayName });
    expect(s.days).toEqual([
      { day: "2026-11-18", gmvCents: 17_500, orders: 2, commissionCents: 1_750, newBuyers: 1, clicks: 4 },
      { day: "2026-11-19", gmvCents: 0, orders: 0, commissionCents: 0, newBuyers: 0, clicks: 0 },
      { day: "2026-11-20", gmvCents: 10_000, orders: 1, commissionCents: 1_000, newBuyers: 0, clicks: 0 },
    ]);
    expect(s.totals).toEqual({ gmvCents: 27_500, orders: 3, commissionCents: 2_750, newBuyers: 1, clicks: 4, conversionBp: 7_500 });
    // B's order at 00:30 on the 20th in Shanghai (16:30 UTC on the 19th) counts on the 20th.
    expect((await getCreatorMetrics(ctx(), staff, b.id, range)).days.map((d) => d.gmvCents)).toEqual([0, 0, 10_000]);
    // A member who never sold anything: zeros, not an error.
    expect((await getCreatorMetrics(ctx(), staff, callers.member!.user.id, range)).totals.gmvCents).toBe(0);
  });

  it("the hourly schedule recomputes the day an older order was paid when it is refunded now", async () => {
    const before = (await getCreatorMetrics(ctx(), staff, b.id, range)).days[2]!;
    const [order] = rowsOf<{ id: string }>(await db.handle.db.execute(sql`select id from orders where creator_id = ${b.id}`));
    await db.handle.db.execute(sql`update orders set refunded_cents = 5000, status = 'partially_refunded' where id = ${order!.id}`);
    await db.handle.db.execute(sql`insert into refunds (order_id, amount_cents, idempotency_key, created_at) values (${order!.id}, 5000, ${`refund:${order!.id}:late`}, ${clock.now().toISOString()}::timestamptz)`);
    await metricsDailySchedule.run({ db: db.handle.db, clock, logger: createLogger({ level: "silent" }), realtime: server.ctx.realtime, config: server.ctx.config, slot: "t", scheduledFor: clock.now() });
    const after = (await getCreatorMetrics(ctx(), staff, b.id, range)).days[2]!;
    expect([before.gmvCents, after.gmvCents]).toEqual([10_000, 5_000]);
    // Put the scenario back for the other tests.
    await db.handle.db.execute(sql`delete from refunds where order_id = ${order!.id}`);
    await db.handle.db.execute(sql`update orders set refunded_cents = 0, status = 'paid' where id = ${order!.id}`);
    await backfillMetrics(db.handle.db, "2026-11-20", "2026-11-20", tz(), clock.now());
  });

  const api = (path: string, as: Caller) =>
    fetch(`${server.url}/api/v1${path}`, { headers: { "x-forwarded-for": testIp(), "accept-language": "en", ...(as ? { authorization: `Bearer ${as.token}` } : {}) } });

  it("every role × both operations: visitor 401, member, creator and MCN admin 403, staff and admin 200", async () => {
    for (const who of ["visitor", "member", "creator", "mcn_admin", "staff", "admin"]) {
      const as = callers[who]!;
      const statuses = {
        listCreatorMetrics: (await api("/ops/creator-metrics?from=2026-11-18&to=2026-11-20", as)).status,
        getCreatorMetrics: (await api(`/ops/creator-metrics/${a.id}?from=2026-11-18&to=2026-11-20`, as)).status,
      };
      const ok = who === "staff" || who === "admin" ? 200 : who === "visitor" ? 401 : 403;
      expect({ who, ...statuses }).toEqual({ who, listCreatorMetrics: ok, getCreatorMetrics: ok });
    }
    const res = await api("/ops/creator-metrics?from=2026-11-18&to=2026-11-20&sort=clicks&dir=asc&limit=1", callers.admin!);
    const body = (await res.json()) as { items: { creatorId: string; clicks: number }[]; nextCursor: string | null; total: number };
    expect(body).toMatchObject({ total: 2, items: [{ creatorId: b.id, clicks: 2 }], nextCursor: expect.any(String) });
    const next = (await (await api(`/ops/creator-metrics?from=2026-11-18&to=2026-11-20&sort=clicks&dir=asc&limit=1&cursor=${body.nextCursor}`, callers.admin!)).json()) as typeof body;
    expect(next).toMatchObject({ items: [{ creatorId: a.id, clicks: 4 }], nextCursor: null });
    const series = (await (await api(`/ops/creator-metrics/${a.id}?from=2026-11-18&to=2026-11-20`, callers.staff!)).json()) as { totals: { gmvCents: number }; days: unknown[] };
    expect(series).toMatchObject({ totals: { gmvCents: 27_500 }, days: expect.any(Array) });
    expect(series.days).toHaveLength(3);
  });

  it("bad input: 4xx with the field's message, and nothing is written", async () => {
    const rowsBefore = rowsOf<{ n: number }>(await db.handle.db.execute(sql`select count(*)::int as n from metrics_daily`))[0]!.n;
    const staffCaller = callers.staff!;
    const cursorForGmv = (await listCreatorMetrics(ctx(), staff, { ...range, limit: 1 })).nextCursor!;
    const cases: [string, number, string][] = [
      ["/ops/creator-metrics?sort=fans", 422, "sort"],
      ["/ops/creator-metrics?dir=sideways", 422, "dir"],
      ["/ops/creator-metrics?from=2026-11-30&to=2026-11-01", 422, "to"],
      ["/ops/creator-metrics?from=2025-01-01&to=2026-11-01", 422, "to"],
      ["/ops/creator-metrics?from=2020-01-01", 422, "to"], // alone, it reaches today: far more than 366 days
      ["/ops/creator-metrics?from=2026-02-30", 422, "from"],
      ["/ops/creator-metrics?limit=0", 422, "limit"],
      ["/ops/creator-metrics?limit=many", 422, "limit"],
      ["/ops/creator-metrics?cursor=not*a*cursor", 422, "cursor"],
      [`/ops/creator-metrics?sort=clicks&cursor=${cursorForGmv}`, 422, "cursor"], // a cursor of another order
      [`/ops/creator-metrics?creator=${"x".repeat(41)}`, 422, "creator"],
      ["/ops/creator-metrics?days=7", 422, "days"],
      ["/ops/creator-metrics/not-a-uuid", 422, "userId"],
      [`/ops/creator-metrics/${a.id}?from=2026-11-30&to=2026-11-01`, 422, "to"],
      [`/ops/creator-metrics/${a.id}?from=2025-01-01&to=2026-11-01`, 422, "to"],
    ];
    for (const [path, status, field] of cases) {
      const res = await api(path, staffCaller);
      const body = (await res.json()) as { error: { code: string; fields?: Record<string, string[]> } };
      expect({ path, status: res.status, code: body.error.code }).toEqual({ path, status, code: "VALIDATION_FAILED" });
      expect({ path, field, present: (body.error.fields?.[field]?.length ?? 0) > 0 }).toEqual({ path, field, present: true });
    }
    const missing = await api("/ops/creator-metrics/00000000-0000-4000-8000-000000000000", staffCaller);
    expect(missing.status).toBe(404);
    const rowsAfter = rowsOf<{ n: number }>(await db.handle.db.execute(sql`select count(*)::int as n from metrics_daily`))[0]!.n;
    expect(rowsAfter).toBe(rowsBefore);
    // Readable messages, in the caller's language.
    const sortError = (await (await api("/ops/creator-metrics?sort=fans", staffCaller)).json()) as { error: { fields: { sort: string[] } } };
    expect(sortError.error.fields.sort[0]).toMatch(/Sort by/);
  });

  it("the OpenAPI document lists both operations with their parameters", async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string; schema: { enum?: string[] } }[]; responses: Record<string, unknown> }>>;
    };
    const list = doc.paths["/ops/creator-metrics"]?.get;
    const one = doc.paths["/ops/creator-metrics/{userId}"]?.get;
    expect(list?.operationId).toBe("listCreatorMetrics");
    expect(one?.operationId).toBe("getCreatorMetrics");
    expect(list!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(["from", "to", "sort", "dir", "creator", "cursor", "limit"]));
    expect(list!.parameters!.find((p) => p.name === "sort")!.schema.enum).toEqual(["gmv", "commission", "orders", "newBuyers", "clicks", "conversion", "creator"]);
    expect(one!.parameters!.find((p) => p.name === "userId")).toMatchObject({ in: "path" });
    expect(Object.keys(one!.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404", "422"]));
  });
});
