import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordClick } from "../../server/distribution/attribution/record-click";
import { resolveAttribution } from "../../server/distribution/attribution/resolve-attribution";
import { createDistributionLink, updateAttributionSettings } from "../../server/distribution/links";
import { logIn, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestProduct, grantDistributionRights } from "../factories/distribution-links";
import { createTestUser, TEST_PASSWORD, testIp, uniqueHandle } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

describe("attribution: last human click within the window, never the buyer's own link, across devices once bound", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  const clock = new FixedClock("2026-11-02T04:00:00Z");
  let alice: CurrentUser; // creator
  let bob: CurrentUser; // creator
  let productId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db, { clock });
    alice = await creator();
    bob = await creator();
    productId = (await createTestProduct(ctx.db, { now: clock.now() })).id;
  });
  afterAll(async () => {
    await db?.close();
  });

  async function creator(): Promise<CurrentUser> {
    const { user } = await createTestUser(ctx.db, { now: clock.now(), roles: ["creator"], handle: uniqueHandle("a") });
    await grantDistributionRights(ctx.db, user.id, "creator", clock.now());
    return user;
  }
  const buyer = async () => (await createTestUser(ctx.db, { now: clock.now(), handle: uniqueHandle("b") })).user;
  const linkOf = async (who: CurrentUser) => (await createDistributionLink(ctx, who, { targetType: "product", targetId: productId })).link;

  /** A click on `code` at the clock's time; returns the visitor id (new when `visitorId` is null). */
  async function click(code: string, visitorId: string | null, options: { userAgent?: string; sessionId?: string } = {}) {
    const result = await recordClick(ctx, { code, visitorId, sessionId: options.sessionId ?? null, userAgent: options.userAgent ?? BROWSER, referrer: null, ip: "198.51.100.4" });
    expect(result).not.toBeNull();
    return result!.visitorId;
  }
  const resolve = (buyerId: string | null, visitorId: string | null, at = clock.now()) => resolveAttribution(ctx.db, { buyerId, visitorId, at });

  it("credits a purchase 6 days after the click and not one 8 days after (default 7-day window)", async () => {
    const link = await linkOf(alice);
    const start = clock.now();
    const visitor = await click(link.code, null);
    const who = await buyer();
    const day6 = await resolve(who.id, visitor, new Date(start.getTime() + 6 * DAY));
    expect(day6).toMatchObject({ linkId: link.id, creatorId: alice.id, visitorId: visitor });
    expect(day6!.clickedAt.toISOString()).toBe(start.toISOString());
    expect(await resolve(who.id, visitor, new Date(start.getTime() + 8 * DAY))).toBeNull();
    // Nor does a click in the future of the order count.
    expect(await resolve(who.id, visitor, new Date(start.getTime() - HOUR))).toBeNull();
  });

  it("follows the window staff set: 10 days credits the day-8 purchase", async () => {
    const link = await linkOf(alice);
    const start = clock.now();
    const visitor = await click(link.code, null);
    const staff = (await createTestUser(ctx.db, { now: clock.now(), roles: ["staff"], handle: uniqueHandle("s") })).user;
    await updateAttributionSettings(ctx, staff, { windowDays: 10 });
    try {
      expect(await resolve(null, visitor, new Date(start.getTime() + 8 * DAY))).toMatchObject({ linkId: link.id });
      expect(await resolve(null, visitor, new Date(start.getTime() + 11 * DAY))).toBeNull();
    } finally {
      await updateAttributionSettings(ctx, staff, { windowDays: 7 });
    }
  });

  it("lets the last click win between two creators, including a repeat click that wasn't counted in the stats", async () => {
    const a = await linkOf(alice);
    const b = await linkOf(bob);
    const visitor = await click(a.code, null);
    clock.advance(HOUR);
    await click(b.code, visitor);
    expect(await resolve(null, visitor)).toMatchObject({ creatorId: bob.id, linkId: b.id });
    clock.advance(HOUR);
    // Alice's link again, 2 h after the first: not counted (within 24 h), but it is the last click.
    await click(a.code, visitor);
    expect(await resolve(null, visitor)).toMatchObject({ creatorId: alice.id, linkId: a.id });
  });

  it("never credits a bot's click", async () => {
    const a = await linkOf(alice);
    const b = await linkOf(bob);
    const visitor = await click(a.code, null);
    clock.advance(HOUR);
    await click(b.code, visitor, { userAgent: "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)" });
    expect(await resolve(null, visitor)).toMatchObject({ creatorId: alice.id });
  });

  it("gives a self-purchase nothing, and an earlier click on someone else's link still wins", async () => {
    const a = await linkOf(alice);
    const b = await linkOf(bob);
    const own = await click(a.code, null);
    // Alice buys through her own link only: nothing.
    expect(await resolve(alice.id, own)).toBeNull();
    // Alice clicked Bob's link first, then her own: Bob is credited.
    const visitor = await click(b.code, null);
    clock.advance(HOUR);
    await click(a.code, visitor);
    expect(await resolve(alice.id, visitor)).toMatchObject({ creatorId: bob.id });
  });

  it("credits a click made signed out on one device once that browser is bound at log-in, wherever the member buys", async () => {
    const link = await linkOf(bob);
    const phone = await click(link.code, null);
    const member = await buyer();
    // Nothing ties the phone's click to the member yet.
    expect(await resolve(member.id, null)).toBeNull();
    clock.advance(HOUR);
    await logIn(ctx, { login: member.handle, password: TEST_PASSWORD }, { ip: testIp(), userAgent: BROWSER, visitorId: phone });
    clock.advance(2 * DAY);
    // The member buys on a laptop (another visitor id, or none): the phone's click is theirs now.
    expect(await resolve(member.id, null)).toMatchObject({ creatorId: bob.id, visitorId: phone });
    expect(await resolve(member.id, "a-laptop-visitor-id-00")).toMatchObject({ creatorId: bob.id });
  });

  it("treats a click from a browser bound to the link's creator as the creator's own (a second account buying on their phone)", async () => {
    const link = await linkOf(alice);
    const alicePhone = await click(link.code, null);
    await logIn(ctx, { login: alice.handle, password: TEST_PASSWORD }, { ip: testIp(), userAgent: BROWSER, visitorId: alicePhone });
    clock.advance(HOUR);
    const sockPuppet = await buyer();
    await click(link.code, alicePhone);
    expect(await resolve(sockPuppet.id, alicePhone)).toBeNull();
  });
});
