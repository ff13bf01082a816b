import type { AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as detailPage from "../../app/routes/me.links.$id";
import * as listPage from "../../app/routes/me.links._index";
import * as posterPng from "../../app/routes/me_.links.$id.poster[.png]";
import * as qrPng from "../../app/routes/me_.links.$id.qr[.png]";
import * as sharePoint from "../../app/routes/me_.links.share";
import * as opsPage from "../../app/routes/ops.attribution";
import { linksSeedSteps } from "../../db/seed/distribution/links";
import { auditLog, distributionLinks, linkClicks, visitorBindings, type Role } from "../../db/schema";
import { createDistributionLink, readAttributionSettings } from "../../server/distribution/links";
import type { CurrentUser } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { FixedClock } from "../../server/shared/clock";
import { createTestNote, createTestProduct, grantDistributionRights } from "../factories/distribution-links";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

type Account = { user: CurrentUser; cookie: string };

describe("distribution link pages (/me/links, the share panel's endpoint, QR and poster, /ops/attribution) and the demo seed", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  let call: ReturnType<typeof routeCaller>;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  let alice: Account;
  let bob: Account;
  let plain: Account;
  let productId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db, { clock });
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    call = routeCaller(context);
    alice = await account(["creator"], true);
    bob = await account(["creator"], true);
    plain = await account([]);
    productId = (await createTestProduct(ctx.db, { title: "玻尿酸保湿精华 30ml", priceCents: 19900, now: clock.now() })).id;
  });
  afterAll(async () => {
    await db?.close();
  });

  async function account(roles: Role[], rights = false): Promise<Account> {
    const { user } = await createTestUser(ctx.db, { roles, now: clock.now() });
    if (rights) await grantDistributionRights(ctx.db, user.id, "creator", clock.now());
    const session = await createSession(ctx.db, { userId: user.id, now: clock.now() });
    return { user, cookie: sessionCookie(ctx, session).split(";")[0]! };
  }

  it("creates a link from the share panel's plain form and lands on its page; a member without rights is sent to the explanation", async () => {
    const res = await thrownOrReturned(call.post(asRoute(sharePoint), "/me/links/share", alice.cookie, { targetType: "product", targetId: productId }));
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/me\/links\/[0-9a-f-]{36}\?new=1$/);
    const [row] = await ctx.db.select().from(distributionLinks).where(eq(distributionLinks.creatorId, alice.user.id));
    expect(location).toContain(row!.id);

    const denied = await thrownOrReturned(call.post(asRoute(sharePoint), "/me/links/share", plain.cookie, { targetType: "product", targetId: productId }));
    expect(denied.headers.get("location")).toBe("/me/links?denied=1");
    const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(distributionLinks).where(eq(distributionLinks.creatorId, plain.user.id))) as [{ n: number }];
    expect(n).toBe(0);

    // The panel's state: hidden for members without rights, the existing link for those with one.
    const state = async (who: Account) => (await (await call.get(asRoute(sharePoint), `/me/links/share?targetType=product&targetId=${productId}`, who.cookie)).json()) as { canShare: boolean; link: { id: string; url: string } | null };
    expect(await state(plain)).toEqual({ canShare: false, link: null });
    expect(await state(alice)).toEqual({ canShare: true, link: { id: row!.id, url: `http://localhost/d/${row!.code}` } });
    expect(await state(bob)).toEqual({ canShare: true, link: null });
  });

  it("lists only the member's own links with their stats, and shows the rights explanation to a member without them", async () => {
    const note = await createTestNote(ctx.db, bob.user.id, { now: clock.now() });
    const bobs = (await createDistributionLink(ctx, bob.user, { targetType: "post", targetId: note.id })).link;
    await ctx.db.update(distributionLinks).set({ clicks: 12, uniqueVisitors: 9, orders: 2, gmvCents: 39800, commissionCents: 3980 }).where(eq(distributionLinks.id, bobs.id));
    const data = (await (await call.get(asRoute(listPage), "/me/links", bob.cookie)).json()) as { canShare: boolean; links: { id: string; stats: Record<string, number> }[] };
    expect(data.canShare).toBe(true);
    expect(data.links.map((l) => l.id)).toEqual([bobs.id]);
    expect(data.links[0]!.stats).toEqual({ clicks: 12, uniqueVisitors: 9, orders: 2, gmvCents: 39800, commissionCents: 3980 });

    const none = (await (await call.get(asRoute(listPage), "/me/links?denied=1", plain.cookie)).json()) as { canShare: boolean; denied: boolean; links: unknown[] };
    expect(none).toMatchObject({ canShare: false, denied: true, links: [] });
    // Signed out: to the log-in page.
    const out = await thrown(call.get(asRoute(listPage), "/me/links"));
    expect(out.headers.get("location")).toMatch(/^\/login/);
  });

  it("shows a link's page with 14 days of clicks only to its creator; another member's id is 404 for the page, QR, poster and archive", async () => {
    const link = (await createDistributionLink(ctx, alice.user, { targetType: "product", targetId: productId })).link;
    // Two counted clicks yesterday (platform time), one today, one bot today.
    const yesterday = new Date(clock.now().getTime() - 86_400_000);
    await ctx.db.insert(linkClicks).values([
      { linkId: link.id, visitorId: "v-one", at: yesterday, counted: true },
      { linkId: link.id, visitorId: "v-two", at: yesterday, counted: true },
      { linkId: link.id, visitorId: "v-one", at: clock.now(), counted: true },
      { linkId: link.id, visitorId: "v-bot", at: clock.now(), counted: false, isBot: true },
    ]);
    const data = (await (await call.get(asRoute(detailPage), `/me/links/${link.id}`, alice.cookie, { id: link.id })).json()) as {
      link: { daily: { date: string; clicks: number; uniqueVisitors: number }[]; uncountedClicks: number };
    };
    expect(data.link.daily).toHaveLength(14);
    expect(data.link.daily.at(-1)).toEqual({ date: "2026-11-24", clicks: 1, uniqueVisitors: 1 });
    expect(data.link.daily.at(-2)).toEqual({ date: "2026-11-23", clicks: 2, uniqueVisitors: 2 });
    expect(data.link.uncountedClicks).toBe(1);

    for (const route of [detailPage, qrPng, posterPng]) {
      const res = await thrown(call.get(asRoute(route), `/me/links/${link.id}`, bob.cookie, { id: link.id }));
      expect(res.status).toBe(404);
    }
    const archive = await thrown(call.post(asRoute(detailPage), `/me/links/${link.id}`, bob.cookie, { intent: "archive" }, { id: link.id }));
    expect(archive.status).toBe(404);
    expect((await ctx.db.select().from(distributionLinks).where(eq(distributionLinks.id, link.id)))[0]!.archivedAt).toBeNull();
  });

  it("renders the QR code and the poster as PNGs for the link's creator", async () => {
    const link = (await createDistributionLink(ctx, alice.user, { targetType: "product", targetId: productId })).link;
    const qr = await call.get(asRoute(qrPng), `/me/links/${link.id}/qr.png`, alice.cookie, { id: link.id });
    expect(qr.status).toBe(200);
    expect(qr.headers.get("content-type")).toBe("image/png");
    expect(await sharp(Buffer.from(await qr.arrayBuffer())).metadata()).toMatchObject({ format: "png", width: 480, height: 480 });
    const poster = await call.get(asRoute(posterPng), `/me/links/${link.id}/poster.png`, alice.cookie, { id: link.id });
    expect(poster.status).toBe(200);
    const meta = await sharp(Buffer.from(await poster.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: "png", width: 750, height: 1200 });
  });

  it("archives a link from its page: it leaves the live list", async () => {
    const note = await createTestNote(ctx.db, alice.user.id, { now: clock.now() });
    const link = (await createDistributionLink(ctx, alice.user, { targetType: "post", targetId: note.id })).link;
    const res = await thrownOrReturned(call.post(asRoute(detailPage), `/me/links/${link.id}`, alice.cookie, { intent: "archive" }, { id: link.id }));
    expect(res.headers.get("location")).toBe("/me/links?status=archived");
    const live = (await (await call.get(asRoute(listPage), "/me/links", alice.cookie)).json()) as { links: { id: string }[] };
    expect(live.links.map((l) => l.id)).not.toContain(link.id);
    const archived = (await (await call.get(asRoute(listPage), "/me/links?status=archived", alice.cookie)).json()) as { links: { id: string }[] };
    expect(archived.links.map((l) => l.id)).toContain(link.id);
  });

  it("lets staff set the attribution window from /ops/attribution (audited); members get 403 and bad values 422 with nothing changed", async () => {
    const staff = await account(["staff"]);
    expect((await thrown(call.get(asRoute(opsPage), "/ops/attribution", alice.cookie))).status).toBe(403);
    expect((await thrown(call.post(asRoute(opsPage), "/ops/attribution", alice.cookie, { windowDays: "3" }))).status).toBe(403);
    const bad = await call.post(asRoute(opsPage), "/ops/attribution", staff.cookie, { windowDays: "120" });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("1 到 90");
    expect((await readAttributionSettings(ctx.db)).windowDays).toBe(7);
    const ok = await call.post(asRoute(opsPage), "/ops/attribution", staff.cookie, { windowDays: "10" });
    expect(ok.status).toBe(200);
    expect((await readAttributionSettings(ctx.db)).windowDays).toBe(10);
    const [audit] = await ctx.db.select().from(auditLog).where(eq(auditLog.subjectId, "distribution.attribution"));
    expect(audit).toMatchObject({ actorId: staff.user.id, before: null, after: { windowDays: 10 } });
  });

  it("seeds rights, links to products and notes, and 14 days of clicks whose counters match the clicks", async () => {
    const creator = (await createTestUser(ctx.db, { handle: "creator", roles: ["creator"], now: clock.now() })).user;
    await createTestNote(ctx.db, creator.id, { title: "我的控油好物清单", now: clock.now() });
    await createTestUser(ctx.db, { handle: "member", now: clock.now() });
    await ctx.db.transaction(async (tx) => {
      for (const step of linksSeedSteps) await step.run(tx, ctx, { users: { creator } });
    });
    const links = await ctx.db.select().from(distributionLinks).where(eq(distributionLinks.creatorId, creator.id));
    expect(links.filter((l) => l.targetType === "product").length).toBeGreaterThanOrEqual(1);
    expect(links.filter((l) => l.targetType === "post").length).toBeGreaterThanOrEqual(1);
    for (const link of links) {
      const [agg] = (await ctx.db.execute(sql`
        select count(*) filter (where counted)::int as clicks, count(distinct visitor_id) filter (where counted)::int as visitors,
               min(at) as first, count(*) filter (where is_bot)::int as bots, count(*) filter (where not counted and not is_bot)::int as repeats
        from link_clicks where link_id = ${link.id}`)) as unknown as { clicks: number; visitors: number; first: string }[];
      expect(link.clicks).toBe(agg!.clicks);
      expect(link.uniqueVisitors).toBe(agg!.visitors);
      expect(link.clicks).toBeGreaterThan(0);
      expect(clock.now().getTime() - new Date(agg!.first).getTime()).toBeLessThan(15 * 86_400_000);
    }
    const bound = await ctx.db.select().from(visitorBindings);
    expect(bound.length).toBeGreaterThan(0);
  });
});

/** A redirect an action returned (or threw). */
async function thrownOrReturned(p: Promise<Response>): Promise<Response> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}
