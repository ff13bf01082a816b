import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as membershipPage from "../../app/routes/membership";
import * as myRightsPage from "../../app/routes/me.distribution";
import * as opsEligibilityPage from "../../app/routes/ops.distribution-rights";
import * as opsFraudPage from "../../app/routes/ops.fraud";
import * as opsMembershipPage from "../../app/routes/ops.membership";
import { auditLog, fraudFlags, membershipPlans, orders, settings, type Role } from "../../db/schema";
import { raiseFraudFlag } from "../../server/distribution/fraud";
import type { CurrentUser } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const PLAN_FORM = {
  nameZh: "月卡",
  nameEn: "Monthly",
  descriptionZh: "",
  descriptionEn: "",
  priceCents: "19.90",
  durationDays: "30",
  "benefits.distributionRights": "on",
  "benefits.pointsMultiplierBp": "12000",
  "benefits.monthlyPoints": "100",
  "benefits.birthdayGift": "生日小样礼盒",
  active: "on",
  position: "0",
};

describe("rights, membership and fraud pages (plain form posts, no JavaScript needed)", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  let staff: { user: CurrentUser; cookie: string };
  let member: { user: CurrentUser; cookie: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    staff = await account(["staff"]);
    member = await account([]);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function account(roles: Role[], locale: "zh-CN" | "en" = "zh-CN") {
    const { user } = await createTestUser(ctx.db, { roles, now: ctx.clock.now(), locale });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return { user, cookie: sessionCookie(ctx, session).split(";")[0]! };
  }

  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);
  const post: ReturnType<typeof routeCaller>["post"] = (...args) => routeCaller(context).post(...args);

  it("shows a member each path with what is missing, in Chinese, and sends visitors to log in", async () => {
    const visitor = await thrown(get(asRoute(myRightsPage), "/me/distribution"));
    expect(visitor.status).toBe(302);
    const { rights } = await (await get(asRoute(myRightsPage), "/me/distribution", member.cookie)).json();
    expect(rights.hasRights).toBe(false);
    const tasks = rights.paths.find((p: { path: string }) => p.path === "tasks");
    expect(tasks.requirements.map((r: { label: string; missingText: string }) => [r.label, r.missingText])).toEqual([
      ["近 30 天签到 7 天", "还差 7 天签到"],
      ["已确认消费满 ¥99", "还差 ¥99 已确认消费"],
    ]);
  });

  it("refuses members on every staff page, and lets staff add and edit plans with field messages on bad input", async () => {
    for (const page of [opsMembershipPage, opsEligibilityPage, opsFraudPage]) {
      expect((await thrown(get(asRoute(page), "/ops/x", member.cookie))).status).toBe(403);
      expect((await thrown(post(asRoute(page), "/ops/x", member.cookie, { note: "x" }))).status).toBe(403);
    }

    const bad = await post(asRoute(opsMembershipPage), "/ops/membership", staff.cookie, { ...PLAN_FORM, priceCents: "免费", durationDays: "0" });
    expect(bad.status).toBe(422);
    const badBody = await bad.json();
    expect(badBody.failure.fields).toMatchObject({ priceCents: ["价格为 1–10,000,000 分的整数。"], durationDays: ["时长为 1–3660 天的整数。"] });
    expect(badBody.values.nameZh).toBe("月卡");
    expect(await ctx.db.select().from(membershipPlans)).toEqual([]);

    const ok = await post(asRoute(opsMembershipPage), "/ops/membership", staff.cookie, PLAN_FORM);
    expect(ok.status).toBe(200);
    const [plan] = await ctx.db.select().from(membershipPlans);
    expect(plan).toMatchObject({ nameZh: "月卡", priceCents: 1_990, durationDays: 30, active: "active", benefits: { distributionRights: true, pointsMultiplierBp: 12_000, monthlyPoints: 100, birthdayGift: "生日小样礼盒" } });

    // Unticking "on sale" retires it; the shelf no longer shows it.
    const { active: _a, ...retired } = PLAN_FORM;
    expect((await post(asRoute(opsMembershipPage), "/ops/membership", staff.cookie, { ...retired, planId: plan!.id })).status).toBe(200);
    expect((await (await get(asRoute(membershipPage), "/membership", member.cookie)).json()).plans).toEqual([]);
    expect((await post(asRoute(opsMembershipPage), "/ops/membership", staff.cookie, { ...PLAN_FORM, planId: plan!.id })).status).toBe(200);
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.subjectId, plan!.id));
    expect(audits.map((a) => a.action)).toEqual(["commerce.membershipPlan.created", "commerce.membershipPlan.updated", "commerce.membershipPlan.updated"]);
  });

  it("lets a member buy a plan from /membership: a pending membership order, then the order page", async () => {
    const [plan] = await ctx.db.select().from(membershipPlans);
    const page = await (await get(asRoute(membershipPage), "/membership", member.cookie)).json();
    expect(page.plans.map((p: { name: string }) => p.name)).toEqual(["月卡"]);
    expect(page.membership.current).toBeNull();
    const res = await post(asRoute(membershipPage), "/membership", member.cookie, { planId: plan!.id });
    expect(res.status).toBe(302);
    const [order] = await ctx.db.select().from(orders).where(eq(orders.buyerId, member.user.id));
    expect(res.headers.get("location")).toBe(`/orders/${order!.id}`);
    expect(order).toMatchObject({ kind: "membership", status: "pending", totalCents: 1_990, membershipPlanId: plan!.id });

    const missing = await post(asRoute(membershipPage), "/membership", member.cookie, { planId: "00000000-0000-4000-8000-000000000000" });
    expect(missing.status).toBe(404);
  });

  it("lets staff change the eligibility rules; a bad threshold comes back next to its field and nothing is saved", async () => {
    const form = { "creator.enabled": "on", "tasks.enabled": "on", "tasks.checkinDays": "40", "tasks.windowDays": "30", "tasks.minPurchaseCents": "99", "membership.enabled": "on" };
    const bad = await post(asRoute(opsEligibilityPage), "/ops/distribution-rights", staff.cookie, form);
    expect(bad.status).toBe(422);
    expect((await bad.json()).failure.fields["tasks.checkinDays"]).toEqual(["签到天数不能超过统计窗口。"]);
    expect(await ctx.db.select().from(settings).where(eq(settings.key, "distribution.eligibility"))).toEqual([]);

    const ok = await post(asRoute(opsEligibilityPage), "/ops/distribution-rights", staff.cookie, { ...form, "tasks.checkinDays": "3", "tasks.minPurchaseCents": "49.5" });
    expect(ok.status).toBe(200);
    const { settings: saved } = await (await get(asRoute(opsEligibilityPage), "/ops/distribution-rights", staff.cookie)).json();
    expect(saved.tasks).toEqual({ enabled: true, checkinDays: 3, windowDays: 30, minPurchaseCents: 4_950 });
    const { rights } = await (await get(asRoute(myRightsPage), "/me/distribution", member.cookie)).json();
    expect(rights.paths.find((p: { path: string }) => p.path === "tasks").requirements.map((r: { missingText: string }) => r.missingText)).toEqual(["还差 3 天签到", "还差 ¥49.50 已确认消费"]);
  });

  it("lets staff resolve an open fraud flag with a note; an empty note is refused next to the field", async () => {
    const flagged = await account(["creator"]);
    await raiseFraudFlag(ctx.db, { userId: flagged.user.id, kind: "refund_rate", details: { orders: 8, refunded: 3, windowDays: 30 }, now: ctx.clock.now() });
    const { open } = await (await get(asRoute(opsFraudPage), "/ops/fraud", staff.cookie)).json();
    expect(open).toHaveLength(1);
    const empty = await post(asRoute(opsFraudPage), "/ops/fraud", staff.cookie, { flagId: open[0].id, note: " " });
    expect(empty.status).toBe(422);
    expect((await empty.json()).failure.fields.note).toEqual(["请填写 1–500 字的处理说明。"]);
    const ok = await post(asRoute(opsFraudPage), "/ops/fraud", staff.cookie, { flagId: open[0].id, note: "退款为质量问题，与推广无关" });
    expect(ok.status).toBe(200);
    const [row] = await ctx.db.select().from(fraudFlags).where(eq(fraudFlags.userId, flagged.user.id));
    expect(row).toMatchObject({ resolution: "退款为质量问题，与推广无关", resolvedBy: staff.user.id });
  });
});
