import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as creatorPage from "../../app/routes/ops.creators.$userId";
import * as boardPage from "../../app/routes/ops.creators._index";
import { linkClicks, type Role } from "../../db/schema";
import { commissionsConsumers } from "../../server/distribution";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { createJobRunner } from "../../server/jobs/runner";
import type { CurrentUser } from "../../server/identity";
import { backfillMetrics } from "../../server/ops";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { createPaidOrder, createTestLink } from "../factories/distribution-earnings";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser, uniqueHandle } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/** /ops/creators and /ops/creators/<id> as a browser without JavaScript reaches them: who may open them, what they show. */
describe("ops creator pages: the board and one creator's series", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  const clock = new FixedClock("2026-11-23T04:00:00Z");
  const cookies: Record<string, string> = {};
  let creator: CurrentUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db, { clock });
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    const roles: Record<string, Role[]> = { member: [], creator: ["creator"], mcn_admin: ["mcn_admin"], staff: ["staff"], admin: ["admin"] };
    for (const [name, r] of Object.entries(roles)) {
      const { user } = await createTestUser(ctx.db, { roles: r, now: clock.now() });
      const session = await createSession(ctx.db, { userId: user.id, now: clock.now() });
      cookies[name] = sessionCookie(ctx, session).split(";")[0]!;
    }
    creator = (await createTestUser(ctx.db, { roles: ["creator"], handle: uniqueHandle("cm"), now: new Date("2026-10-01T00:00:00Z") })).user;
    const buyer = (await createTestUser(ctx.db)).user;
    const { link, productId } = await createTestLink(ctx.db, creator.id, { priceCents: 8_800 });
    await createPaidOrder(ctx.db, { buyerId: buyer.id, creatorId: creator.id, linkId: link.id, paidAt: new Date("2026-11-21T03:00:00Z"), lines: [{ productId, unitPriceCents: 8_800, commissionRateBp: 1_000 }] });
    await ctx.db.insert(linkClicks).values({ linkId: link.id, visitorId: "v1", at: new Date("2026-11-21T02:00:00Z"), counted: true });
    await createJobRunner({ db: db.handle.db, logger: createLogger({ level: "silent" }), clock, consumers: commissionsConsumers, context: { config: ctx.config, realtime: ctx.realtime } }).drain();
    await backfillMetrics(ctx.db, "2026-11-20", "2026-11-23", ctx.config.platformTimeZone, clock.now());
  });
  afterAll(async () => {
    await db?.close();
  });
  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);

  it("each page × role: a visitor is sent to log in, member/creator/MCN admin get 403, staff and admin the page", async () => {
    const pages = [
      { name: "board", route: asRoute(boardPage), path: "/ops/creators", params: {} as Record<string, string> },
      { name: "creator", route: asRoute(creatorPage), path: `/ops/creators/${creator.id}`, params: { userId: creator.id } },
    ];
    for (const page of pages) {
      expect((await thrown(get(page.route, page.path, undefined, page.params))).status).toBe(302);
      for (const who of ["member", "creator", "mcn_admin"]) {
        expect({ page: page.name, who, status: (await thrown(get(page.route, page.path, cookies[who]!, page.params))).status }).toEqual({ page: page.name, who, status: 403 });
      }
      for (const who of ["staff", "admin"]) expect({ page: page.name, who, status: (await get(page.route, page.path, cookies[who]!, page.params)).status }).toEqual({ page: page.name, who, status: 200 });
    }
  });

  it("the board shows the creator's row and the top-by-GMV chart's data for the range, sorted as asked", async () => {
    const res = await get(asRoute(boardPage), "/ops/creators?from=2026-11-20&to=2026-11-23&sort=clicks&dir=desc", cookies.staff!);
    const data = await res.json();
    expect(data.board).toMatchObject({ from: "2026-11-20", to: "2026-11-23", sort: "clicks", dir: "desc", total: 1 });
    expect(data.board.items).toEqual([expect.objectContaining({ creatorId: creator.id, gmvCents: 8_800, orders: 1, commissionCents: 880, newBuyers: 1, clicks: 1, conversionBp: 10_000 })]);
    expect(data.top).toEqual([expect.objectContaining({ creatorId: creator.id, gmvCents: 8_800 })]);
    expect(data.fields).toEqual({});
  });

  it("a bad query shows the default board with a 400 and the field's message; a bad or unknown creator id is 404", async () => {
    const bad = await get(asRoute(boardPage), "/ops/creators?from=2026-11-30&to=2026-11-01&sort=fans", cookies.staff!);
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(Object.keys(body.fields).sort()).toEqual(["sort"]); // the sort fails first; the range is checked once the query parses
    expect(body.fields.sort[0]).toMatch(/排序/);
    expect(body.board.sort).toBe("gmv");
    const inverted = await get(asRoute(boardPage), "/ops/creators?from=2026-11-30&to=2026-11-01", cookies.staff!);
    expect(inverted.status).toBe(400);
    expect((await inverted.json()).fields.to).toEqual(["结束日期不能早于开始日期。"]);

    const badRange = await get(asRoute(creatorPage), `/ops/creators/${creator.id}?from=2025-01-01&to=2026-11-01`, cookies.staff!, { userId: creator.id });
    expect(badRange.status).toBe(400);
    expect((await badRange.json()).fields.to).toEqual(["最多选择 366 天。"]);
    expect((await thrown(get(asRoute(creatorPage), "/ops/creators/nobody", cookies.staff!, { userId: "nobody" }))).status).toBe(404);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await thrown(get(asRoute(creatorPage), `/ops/creators/${unknown}`, cookies.staff!, { userId: unknown }))).status).toBe(404);
  });

  it("one creator's page has every day of the range and the totals", async () => {
    const res = await get(asRoute(creatorPage), `/ops/creators/${creator.id}?from=2026-11-20&to=2026-11-23`, cookies.staff!, { userId: creator.id });
    const { series } = await res.json();
    expect(series.creator).toMatchObject({ creatorId: creator.id, handle: creator.handle });
    expect(series.days.map((d: { day: string; gmvCents: number }) => [d.day, d.gmvCents])).toEqual([
      ["2026-11-20", 0],
      ["2026-11-21", 8_800],
      ["2026-11-22", 0],
      ["2026-11-23", 0],
    ]);
    expect(series.totals).toEqual({ gmvCents: 8_800, orders: 1, commissionCents: 880, newBuyers: 1, clicks: 1, conversionBp: 10_000 });
  });
});
