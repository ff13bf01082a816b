import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, distributionLinks, linkClicks, visitorBindings, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { createDistributionLink } from "../../server/distribution/links";
import { VISITOR_COOKIE_NAME } from "../../server/distribution/attribution/visitor-cookie";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestNote, createTestProduct, grantDistributionRights } from "../factories/distribution-links";
import { createTestUser, TEST_PASSWORD, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type Member = { user: CurrentUser; token: string };
type Link = {
  id: string;
  code: string;
  url: string;
  target: { type: string; id: string; title: string; priceCents: number | null; path: string };
  stats: { clicks: number; uniqueVisitors: number; orders: number; gmvCents: number; commissionCents: number };
  archivedAt: string | null;
};
type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };

const BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const HOUR = 3_600_000;

describe("distribution links: rights, one live link per target, own-only reads, /d/<code> clicks and the visitor cookie", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  let creator: Member;
  let other: Member;
  let product: { id: string; title: string; priceCents: number };

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock, env: { DATABASE_POOL_SIZE: "12" } });
    creator = await member(["creator"], true);
    other = await member(["creator"], true);
    product = await createTestProduct(db.handle.db, { now: clock.now() });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function member(roles: Role[] = [], rights = false): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("d") });
    if (rights) await grantDistributionRights(db.handle.db, user.id, "creator", clock.now());
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }

  const api = (path: string, init: { method?: string; json?: unknown; as?: Member | null } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });

  async function createLink(who: Member, targetType: "product" | "post", targetId: string): Promise<Link> {
    const res = await api("/distribution/links", { as: who, json: { targetType, targetId } });
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { link: Link }).link;
  }

  /** Opens /d/<code> like a browser would (without following the redirect). */
  const open = (code: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/d/${code}`, { redirect: "manual", headers: { "user-agent": BROWSER, "x-forwarded-for": "203.0.113.7", ...headers } });

  const visitorCookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith(`${VISITOR_COOKIE_NAME}=`));
  const cookiePair = (res: Response) => visitorCookieOf(res)!.split(";")[0]!;
  const linkRow = async (id: string) => (await db.handle.db.select().from(distributionLinks).where(eq(distributionLinks.id, id)))[0]!;
  const clicksOf = (linkId: string) => db.handle.db.select().from(linkClicks).where(eq(linkClicks.linkId, linkId)).orderBy(linkClicks.id);

  it("refuses a member without distribution rights with 403 and a message naming the paths, and creates nothing", async () => {
    const plain = await member();
    const res = await api("/distribution/links", { as: plain, json: { targetType: "product", targetId: product.id } });
    expect(res.status).toBe(403);
    const body = (await res.json()) as ApiError;
    expect(body.error.message).toMatch(/approved creator/);
    expect(body.error.message).toMatch(/membership/);
    const [{ n }] = (await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(distributionLinks).where(eq(distributionLinks.creatorId, plain.user.id))) as [{ n: number }];
    expect(n).toBe(0);
    // Signed out: 401.
    expect((await api("/distribution/links", { json: { targetType: "product", targetId: product.id } })).status).toBe(401);
  });

  it("rejects bad input with field messages: unknown target type, a non-id, a product that doesn't exist or isn't on sale", async () => {
    const bad = await api("/distribution/links", { as: creator, json: { targetType: "shop", targetId: "nope" } });
    expect(bad.status).toBe(422);
    const fields = ((await bad.json()) as ApiError).error.fields!;
    expect(Object.keys(fields).sort()).toEqual(["targetId", "targetType"]);
    const missing = await api("/distribution/links", { as: creator, json: { targetType: "product", targetId: crypto.randomUUID() } });
    expect(missing.status).toBe(404);
    const draft = await createTestProduct(db.handle.db, { status: "draft", now: clock.now() });
    expect((await api("/distribution/links", { as: creator, json: { targetType: "product", targetId: draft.id } })).status).toBe(404);
    const note = await createTestNote(db.handle.db, creator.user.id, { status: "draft", now: clock.now() });
    expect((await api("/distribution/links", { as: creator, json: { targetType: "post", targetId: note.id } })).status).toBe(404);
  });

  it("creates one live link per member and target, even when 20 requests race; the code is 10 base58 characters", async () => {
    const target = await createTestProduct(db.handle.db, { now: clock.now() });
    const responses = await Promise.all(Array.from({ length: 20 }, () => api("/distribution/links", { as: creator, json: { targetType: "product", targetId: target.id } })));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const links = (await Promise.all(responses.map((r) => r.json()))) as { link: Link; created: boolean }[];
    expect(links.filter((l) => l.created)).toHaveLength(1);
    expect(new Set(links.map((l) => l.link.id)).size).toBe(1);
    const link = links[0]!.link;
    expect(link.code).toMatch(/^[1-9A-HJ-NP-Za-km-z]{10}$/);
    expect(link.url).toBe(`${server.url}/d/${link.code}`);
    expect(link.target).toMatchObject({ type: "product", id: target.id, priceCents: 12900, path: `/products/${target.id}` });
    const rows = await db.handle.db.select().from(distributionLinks).where(and(eq(distributionLinks.creatorId, creator.user.id), eq(distributionLinks.productId, target.id)));
    expect(rows).toHaveLength(1);

    // Straight through the domain function, where the calls overlap most closely.
    const racing = await createTestProduct(db.handle.db, { now: clock.now() });
    const direct = await Promise.all(Array.from({ length: 20 }, () => createDistributionLink(server.ctx, creator.user, { targetType: "product", targetId: racing.id })));
    expect(new Set(direct.map((r) => r.link.id)).size).toBe(1);
    expect(direct.filter((r) => r.created)).toHaveLength(1);

    // Another creator gets their own link to the same product, with a different code.
    const theirs = await createLink(other, "product", target.id);
    expect(theirs.id).not.toBe(link.id);
    expect(theirs.code).not.toBe(link.code);

    // A note link points at /n/<id>; archiving frees the target for a new link.
    const note = await createTestNote(db.handle.db, creator.user.id, { now: clock.now() });
    const noteLink = await createLink(creator, "post", note.id);
    expect(noteLink.target.path).toBe(`/n/${note.id}`);
    expect((await api(`/distribution/links/${noteLink.id}/archive`, { as: creator, json: {} })).status).toBe(200);
    const again = await createLink(creator, "post", note.id);
    expect(again.id).not.toBe(noteLink.id);
  });

  it("lists only the caller's links and answers 404 for another creator's link id (read and archive)", async () => {
    const mine = await createLink(creator, "product", product.id);
    const theirs = await createLink(other, "product", product.id);
    const list = (await (await api("/distribution/links", { as: creator })).json()) as { links: Link[] };
    expect(list.links.map((l) => l.id)).toContain(mine.id);
    expect(list.links.map((l) => l.id)).not.toContain(theirs.id);

    expect((await api(`/distribution/links/${theirs.id}`, { as: creator })).status).toBe(404);
    expect((await api(`/distribution/links/${theirs.id}/archive`, { as: creator, json: {} })).status).toBe(404);
    expect((await linkRow(theirs.id)).archivedAt).toBeNull();
    expect((await api(`/distribution/links/${mine.id}`, { as: other })).status).toBe(404);
    expect((await api(`/distribution/links/not-an-id`, { as: creator })).status).toBe(422);
    expect((await api(`/distribution/links/${mine.id}`)).status).toBe(401);
    const own = await api(`/distribution/links/${mine.id}`, { as: creator });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { link: { daily: unknown[] } }).link.daily).toHaveLength(14);
  });

  it("/d/<code> redirects to the product, sets a signed HttpOnly SameSite=Lax cookie for 30 days and records the click", async () => {
    const link = await createLink(other, "product", product.id);
    const res = await open(link.code, { referer: "https://weibo.com/post/1" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/products/${product.id}`);
    const cookie = visitorCookieOf(res)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)![1]!);
    expect(expires - clock.now().getTime()).toBeGreaterThan(29 * 24 * HOUR);

    const [click] = await clicksOf(link.id);
    const visitorId = cookiePair(res).split("=")[1]!.split(".")[0];
    expect(click).toMatchObject({ visitorId, referrer: "https://weibo.com/post/1", userAgent: BROWSER, counted: true, isBot: false, userId: null });
    expect(click!.at.toISOString()).toBe(clock.now().toISOString());
    // The address is only kept as a keyed digest.
    expect(click!.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(click!.ipHash).not.toContain("203.0.113.7");
    expect(await linkRow(link.id)).toMatchObject({ clicks: 1, uniqueVisitors: 1 });
  });

  it("counts a visitor's repeat click within 24 hours once, again after 24 hours, and never twice as a unique visitor", async () => {
    const target = await createTestProduct(db.handle.db, { now: clock.now() });
    const link = await createLink(other, "product", target.id);
    const first = await open(link.code);
    const cookie = cookiePair(first);
    clock.advance(2 * HOUR);
    const repeat = await open(link.code, { cookie });
    expect(repeat.status).toBe(302);
    // The same visitor id is kept (and renewed), not replaced.
    expect(cookiePair(repeat)).toBe(cookie);
    // Ten simultaneous repeats: none counted.
    await Promise.all(Array.from({ length: 10 }, () => open(link.code, { cookie })));
    expect(await linkRow(link.id)).toMatchObject({ clicks: 1, uniqueVisitors: 1 });

    clock.advance(23 * HOUR); // 25 h after the counted click
    await open(link.code, { cookie });
    expect(await linkRow(link.id)).toMatchObject({ clicks: 2, uniqueVisitors: 1 });

    // A different browser is a new unique visitor.
    await open(link.code);
    expect(await linkRow(link.id)).toMatchObject({ clicks: 3, uniqueVisitors: 2 });
    const rows = await clicksOf(link.id);
    expect(rows).toHaveLength(14);
    expect(rows.filter((r) => r.counted)).toHaveLength(3);
  });

  it("counts the same visitor's simultaneous first clicks once", async () => {
    const target = await createTestProduct(db.handle.db, { now: clock.now() });
    const link = await createLink(other, "product", target.id);
    // An earlier click on another link gives this browser its cookie.
    const cookie = cookiePair(await open((await createLink(other, "product", product.id)).code));
    await Promise.all(Array.from({ length: 15 }, () => open(link.code, { cookie })));
    expect(await linkRow(link.id)).toMatchObject({ clicks: 1, uniqueVisitors: 1 });
    expect((await clicksOf(link.id)).filter((c) => c.counted)).toHaveLength(1);
  });

  it("stores bots and link previews without counting them, and ignores a forged visitor cookie", async () => {
    const target = await createTestProduct(db.handle.db, { now: clock.now() });
    const link = await createLink(other, "product", target.id);
    for (const ua of ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0", "facebookexternalhit/1.1"]) {
      const res = await open(link.code, { "user-agent": ua });
      expect(res.status).toBe(302);
    }
    const noUa = await fetch(`${server.url}/d/${link.code}`, { redirect: "manual", headers: { "user-agent": "" } });
    expect(noUa.status).toBe(302);
    const head = await fetch(`${server.url}/d/${link.code}`, { method: "HEAD", redirect: "manual", headers: { "user-agent": BROWSER } });
    expect(head.status).toBe(302);
    expect(await linkRow(link.id)).toMatchObject({ clicks: 0, uniqueVisitors: 0 });
    const rows = await clicksOf(link.id);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.isBot && !r.counted)).toBe(true);

    // A cookie whose signature isn't ours is replaced by a fresh visitor id.
    const forged = `${VISITOR_COOKIE_NAME}=AAAAAAAAAAAAAAAAAAAAAA.forged`;
    const res = await open(link.code, { cookie: forged });
    expect(cookiePair(res)).not.toBe(forged);
    expect((await clicksOf(link.id)).at(-1)!.visitorId).not.toBe("AAAAAAAAAAAAAAAAAAAAAA");
  });

  it("does not count the creator's own clicks, and records who clicked when signed in", async () => {
    const target = await createTestProduct(db.handle.db, { now: clock.now() });
    const link = await createLink(other, "product", target.id);
    const login = async (who: Member) => {
      const res = await fetch(`${server.url}/api/v1/auth/log-in`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": testIp() },
        body: JSON.stringify({ login: who.user.handle, password: TEST_PASSWORD }),
      });
      expect(res.status).toBe(200);
      return res.headers.getSetCookie()[0]!.split(";")[0]!;
    };
    await open(link.code, { cookie: await login(other) });
    expect(await linkRow(link.id)).toMatchObject({ clicks: 0, uniqueVisitors: 0 });
    await open(link.code, { cookie: await login(creator) });
    expect(await linkRow(link.id)).toMatchObject({ clicks: 1, uniqueVisitors: 1 });
    const rows = await clicksOf(link.id);
    expect(rows.map((r) => r.userId)).toEqual([other.user.id, creator.user.id]);
  });

  it("answers 404 for an unknown, malformed or archived code and records nothing", async () => {
    const link = await createLink(creator, "product", (await createTestProduct(db.handle.db, { now: clock.now() })).id);
    expect((await api(`/distribution/links/${link.id}/archive`, { as: creator, json: {} })).status).toBe(200);
    for (const code of [link.code, "zzzzzzzzzz", "bad!code", "0OIl0OIl0O"]) {
      const res = await open(code);
      expect(res.status).toBe(404);
      expect(visitorCookieOf(res)).toBeUndefined();
    }
    expect(await clicksOf(link.id)).toHaveLength(0);
  });

  it("binds the visitor cookie to the account at sign-up and at log-in, first binding wins", async () => {
    const link = await createLink(creator, "product", product.id);
    const cookie = cookiePair(await open(link.code));
    const visitorId = cookie.split("=")[1]!.split(".")[0]!;
    const handle = uniqueHandle("v");
    const signUp = await fetch(`${server.url}/api/v1/auth/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": testIp(), cookie },
      body: JSON.stringify({ handle, email: `${handle}@example.test`, password: TEST_PASSWORD, displayName: "新访客" }),
    });
    expect(signUp.status, await signUp.clone().text()).toBe(201);
    const newcomer = ((await signUp.json()) as { user: CurrentUser }).user;
    const bound = await db.handle.db.select().from(visitorBindings).where(eq(visitorBindings.visitorId, visitorId));
    expect(bound).toEqual([expect.objectContaining({ userId: newcomer.id })]);

    // Someone else logging in on the same browser doesn't steal the binding.
    const res = await fetch(`${server.url}/api/v1/auth/log-in`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": testIp(), cookie },
      body: JSON.stringify({ login: other.user.handle, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect((await db.handle.db.select().from(visitorBindings).where(eq(visitorBindings.visitorId, visitorId)))[0]!.userId).toBe(newcomer.id);

    // A fresh browser logging in binds to that account.
    const fresh = cookiePair(await open(link.code));
    const res2 = await fetch(`${server.url}/api/v1/auth/log-in`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": testIp(), cookie: fresh },
      body: JSON.stringify({ login: other.user.handle, password: TEST_PASSWORD }),
    });
    expect(res2.status).toBe(200);
    const freshId = fresh.split("=")[1]!.split(".")[0]!;
    expect((await db.handle.db.select().from(visitorBindings).where(eq(visitorBindings.visitorId, freshId)))[0]!.userId).toBe(other.user.id);
  });

  it("lets staff change the attribution window (audited), refuses others and bad values", async () => {
    const staff = await member(["staff"]);
    expect(((await (await api("/distribution/attribution-settings", { as: staff })).json()) as { windowDays: number }).windowDays).toBe(7);
    expect((await api("/distribution/attribution-settings", { as: creator, method: "PUT", json: { windowDays: 3 } })).status).toBe(403);
    const bad = await api("/distribution/attribution-settings", { as: staff, method: "PUT", json: { windowDays: 0 } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ApiError).error.fields!.windowDays).toEqual(["The attribution window is a whole number of days from 1 to 90."]);
    const ok = await api("/distribution/attribution-settings", { as: staff, method: "PUT", json: { windowDays: 14 } });
    expect(ok.status).toBe(200);
    const audit = await db.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, "distribution.attribution"));
    expect(audit).toEqual([expect.objectContaining({ actorId: staff.user.id, after: { windowDays: 14 } })]);
    // Put it back for the other tests in this file.
    await api("/distribution/attribution-settings", { as: staff, method: "PUT", json: { windowDays: 7 } });
  });

  it("documents the operations in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    for (const id of ["createDistributionLink", "listDistributionLinks", "getDistributionLink", "archiveDistributionLink", "updateAttributionSettings"]) expect(ids).toContain(id);
  });
});
