import type { AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, badgeGrants, badges, type Role } from "../../db/schema";
import * as badgePage from "../../app/routes/badges.$slug";
import * as badgesPage from "../../app/routes/badges._index";
import * as certificatePage from "../../app/routes/certificates.$code";
import * as certificatePng from "../../app/routes/certificates.$code[.png]";
import * as opsPage from "../../app/routes/ops.badges";
import * as profilePage from "../../app/routes/u.$handle";
import { ensureDefaultBadges } from "../../server/gamification/badges";
import type { CurrentUser } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

type Args = { request: Request; context: AppLoadContext; params: Record<string, string> };
type Route = { loader?: (args: Args) => unknown; action?: (args: Args) => unknown };
const asRoute = (module: object) => module as Route;

/** The badge, certificate, profile and staff pages' loaders and actions, called as Remix calls them. */
describe("badge pages", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  let staff: string;
  let memberCookie: string;
  let member: CurrentUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    await ensureDefaultBadges(ctx.db, ctx.clock.now());
    staff = (await cookieFor(["staff"])).cookie;
    ({ cookie: memberCookie, user: member } = await cookieFor([], "小鹿同学"));
  });
  afterAll(async () => {
    await db?.close();
  });

  async function cookieFor(roles: Role[], displayName?: string) {
    const { user } = await createTestUser(ctx.db, { roles, now: ctx.clock.now(), ...(displayName ? { displayName } : {}) });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return { cookie: sessionCookie(ctx, session).split(";")[0]!, user };
  }

  const call = async (route: Route, path: string, params: Record<string, string> = {}, cookie?: string) => {
    try {
      return (await route.loader!({ request: new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} }), context, params })) as Response;
    } catch (e) {
      if (e instanceof Response) return e;
      throw e;
    }
  };
  const post = async (path: string, cookie: string | undefined, form: Record<string, string>) => {
    try {
      return (await asRoute(opsPage).action!({
        request: new Request(`http://localhost${path}`, { method: "POST", headers: cookie ? { cookie } : {}, body: new URLSearchParams(form) }),
        context,
        params: {},
      })) as Response;
    } catch (e) {
      if (e instanceof Response) return e;
      throw e;
    }
  };

  const badgeId = async (slug: string) => (await ctx.db.select().from(badges).where(eq(badges.slug, slug)))[0]!.id;

  it("keeps the staff page from visitors (to log in) and members (403), for reads and posts", async () => {
    const visitor = await call(asRoute(opsPage), "/ops/badges");
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toBe("/login?redirectTo=%2Fops%2Fbadges");
    expect((await call(asRoute(opsPage), "/ops/badges", {}, memberCookie)).status).toBe(403);
    const grant = await post("/ops/badges", memberCookie, { intent: "grant", grantBadgeId: await badgeId("verified-creator"), handle: member.handle, reason: "自己给自己" });
    expect(grant.status).toBe(403);
    expect(await ctx.db.select().from(badgeGrants).where(eq(badgeGrants.userId, member.id))).toHaveLength(0);
  });

  it("lets staff create a badge from the form, sending bad fields back with messages and changing nothing", async () => {
    const bad = await post("/ops/badges", staff, {
      intent: "create",
      slug: "Bad Slug",
      nameZh: "",
      nameEn: "Night Owl",
      icon: "award",
      tier: "platinum",
      criterionType: "counter",
      counter: "likes.received",
      threshold: "0",
    });
    expect(bad.status).toBe(422);
    const errors = (await bad.json()).result.error;
    expect(errors.slug).toEqual(["2–40 位小写字母、数字或连字符，以字母开头。"]);
    expect(errors.nameZh).toEqual(["此项为必填。"]);
    expect(errors.tier).toEqual(["请选择铜、银或金。"]);
    expect(errors.threshold).toEqual(["请填写 1 到 10,000,000 之间的整数。"]);
    const streakWithoutDays = await post("/ops/badges", staff, { intent: "create", slug: "night-owl", nameZh: "夜猫子", nameEn: "Night Owl", icon: "star", tier: "silver", criterionType: "streak" });
    expect(streakWithoutDays.status).toBe(422);
    expect((await streakWithoutDays.json()).result.error.days).toEqual(["请填写 1 到 3,650 之间的天数。"]);
    expect(await ctx.db.select().from(badges).where(eq(badges.slug, "night-owl"))).toHaveLength(0);

    const ok = await post("/ops/badges", staff, {
      intent: "create",
      slug: "night-owl",
      nameZh: "夜猫子",
      nameEn: "Night Owl",
      icon: "star",
      tier: "silver",
      criterionType: "streak",
      days: "14",
      enabled: "on",
    });
    expect(ok.status).toBe(200);
    const [created] = await ctx.db.select().from(badges).where(eq(badges.slug, "night-owl"));
    expect(created).toMatchObject({ nameZh: "夜猫子", tier: "silver", criterion: { type: "streak", days: 14 }, enabled: true, multiple: false });
    const taken = await post("/ops/badges", staff, { intent: "create", slug: "night-owl", nameZh: "夜猫子", nameEn: "Night Owl", icon: "star", tier: "silver", criterionType: "manual" });
    expect(taken.status).toBe(409);
    expect((await taken.json()).result.error.slug).toEqual(["已有使用这个标识的徽章。"]);

    // Unticking "enabled" on the edit form disables it.
    const edit = await post("/ops/badges", staff, {
      intent: "update",
      badgeId: created!.id,
      nameZh: "夜猫子",
      nameEn: "Night Owl",
      icon: "star",
      tier: "gold",
      criterionType: "streak",
      days: "21",
    });
    expect(edit.status).toBe(200);
    expect((await ctx.db.select().from(badges).where(eq(badges.id, created!.id)))[0]).toMatchObject({ tier: "gold", enabled: false, criterion: { type: "streak", days: 21 } });
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.subjectId, created!.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["gamification.badge.created", "gamification.badge.updated"]);
  });

  it("grants 认证创作者 by handle with a certificate that verifies, then reads revoked after staff revoke it", async () => {
    const unknown = await post("/ops/badges", staff, { intent: "grant", grantBadgeId: await badgeId("verified-creator"), handle: "nobody_here", reason: "认证" });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).result.error.handle).toEqual(["没有使用这个账号名的成员。"]);

    const res = await post("/ops/badges", staff, { intent: "grant", grantBadgeId: await badgeId("verified-creator"), handle: `@${member.handle}`, reason: "平台认证美妆创作者" });
    expect(res.status).toBe(200);
    const [grant] = await ctx.db.select().from(badgeGrants).where(eq(badgeGrants.userId, member.id));
    expect(grant).toMatchObject({ reason: "平台认证美妆创作者", seq: 1, revokedAt: null });
    const again = await post("/ops/badges", staff, { intent: "grant", grantBadgeId: await badgeId("verified-creator"), handle: member.handle, reason: "再来一次" });
    expect(again.status).toBe(409);

    const page = await (await call(asRoute(certificatePage), `/certificates/${grant!.certificateCode}`, { code: grant!.certificateCode })).json();
    expect(page.certificate).toMatchObject({ valid: true, revokedAt: null, badge: { nameZh: "认证创作者", tier: "gold", certificate: true }, member: { displayName: "小鹿同学" } });
    expect(page.verifyUrl).toBe(`http://localhost/certificates/${grant!.certificateCode}`);
    expect(page.number).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);

    // The share image: a real PNG of the certificate's size, cacheable, with a validator.
    const png = await call(asRoute(certificatePng), `/certificates/${grant!.certificateCode}.png`, { code: grant!.certificateCode });
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("cache-control")).toContain("max-age=3600");
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(await sharp(bytes).metadata()).toMatchObject({ format: "png", width: 750, height: 1000 });
    // The picture is not blank: the QR code and the text put dark pixels on the light paper.
    const stats = await sharp(bytes).stats();
    expect(stats.channels[0]!.min).toBeLessThan(80);
    const etag = png.headers.get("etag")!;
    const notModified = await asRoute(certificatePng).loader!({
      request: new Request(`http://localhost/certificates/${grant!.certificateCode}.png`, { headers: { "if-none-match": etag } }),
      context,
      params: { code: grant!.certificateCode },
    });
    expect((notModified as Response).status).toBe(304);

    const revoke = await post("/ops/badges", staff, { intent: "revoke", grantId: grant!.id, reason: "" });
    expect(revoke.status).toBe(422);
    expect((await revoke.json()).result.error.reason).toEqual(["此项为必填。"]);
    expect((await post("/ops/badges", staff, { intent: "revoke", grantId: grant!.id, reason: "认证信息失效" })).status).toBe(200);
    const revoked = await (await call(asRoute(certificatePage), `/certificates/${grant!.certificateCode}`, { code: grant!.certificateCode })).json();
    expect(revoked.certificate).toMatchObject({ valid: false, revokedAt: ctx.clock.now().toISOString() });
    const revokedPng = await call(asRoute(certificatePng), `/certificates/${grant!.certificateCode}.png`, { code: grant!.certificateCode });
    expect(revokedPng.headers.get("etag")).not.toBe(etag);
    expect((await ctx.db.select().from(badges).where(eq(badges.slug, "verified-creator")))[0]!.holderCount).toBe(0);
  });

  it("answers 404 for a wrong or malformed certificate code, page and image alike", async () => {
    for (const code of ["ABCDEFGHJKMNPQRSTVWX", "not-a-code", "0".repeat(200)]) {
      expect((await call(asRoute(certificatePage), `/certificates/${code}`, { code })).status, code).toBe(404);
      expect((await call(asRoute(certificatePng), `/certificates/${code}.png`, { code })).status, code).toBe(404);
    }
  });

  it("lists badges with the member's progress, a badge page with holders, and the profile's wall and level", async () => {
    const { user: author } = await createTestUser(ctx.db, { displayName: "种草作者" });
    await ctx.db.execute(sql`insert into user_stats (user_id, likes_received, post_count) values (${author.id}, 97, 2)`);
    const session = await createSession(ctx.db, { userId: author.id, now: ctx.clock.now() });
    const cookie = sessionCookie(ctx, session).split(";")[0]!;
    const { backfillBadges } = await import("../../server/gamification/badges");
    await backfillBadges(ctx.db, ctx.clock.now());

    const list = await (await call(asRoute(badgesPage), "/badges", {}, cookie)).json();
    const rising = list.badges.find((b: { slug: string }) => b.slug === "rising-star");
    expect(rising.progress).toEqual({ earned: false, times: 0, current: 97, target: 100, remaining: 3 });
    expect(list.badges.find((b: { slug: string }) => b.slug === "first-post").progress.earned).toBe(true);
    // Disabled badges (night-owl, above) are not listed.
    expect(list.badges.some((b: { slug: string }) => b.slug === "night-owl")).toBe(false);
    const visitorList = await (await call(asRoute(badgesPage), "/badges")).json();
    expect(visitorList.signedIn).toBe(false);

    const detail = await (await call(asRoute(badgePage), "/badges/first-post", { slug: "first-post" })).json();
    expect(detail.badge.holderCount).toBeGreaterThanOrEqual(1);
    expect(detail.holders.items.map((h: { user: { id: string } }) => h.user.id)).toContain(author.id);
    expect((await call(asRoute(badgePage), "/badges/nope", { slug: "nope" })).status).toBe(404);
    expect((await call(asRoute(badgePage), "/badges/first-post?cursor=%25%25", { slug: "first-post" })).status).toBe(422);

    const profile = await (await call(asRoute(profilePage), `/u/${author.handle}`, { handle: author.handle })).json();
    expect(profile.badges.map((b: { badge: { slug: string } }) => b.badge.slug)).toEqual(["first-post"]);
    expect(profile.level).toMatchObject({ level: 1, growth: 0, floor: 0, next: { level: 2, minGrowth: 100 } });
  });
});
