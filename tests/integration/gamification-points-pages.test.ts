import type { AppLoadContext } from "@remix-run/node";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, levels, pointRules, type Role } from "../../db/schema";
import * as levelsPage from "../../app/routes/levels";
import * as mePage from "../../app/routes/me";
import * as myPointsPage from "../../app/routes/me.points";
import * as opsLevelsPage from "../../app/routes/ops.levels";
import * as opsPointsPage from "../../app/routes/ops.points";
import { awardPoints, runLedgerCheck } from "../../server/gamification/points";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { createLogger } from "../../server/shared/logger";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";


describe("points pages: 我, /me/points, /levels and the staff editors", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  let staff: string;
  let member: string;
  let memberId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 5 });
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    staff = (await cookieFor(["staff"])).cookie;
    const m = await cookieFor([]);
    member = m.cookie;
    memberId = m.id;
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  async function cookieFor(roles: Role[]) {
    const { user } = await createTestUser(ctx.db, { roles, now: ctx.clock.now() });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return { cookie: sessionCookie(ctx, session).split(";")[0]!, id: user.id };
  }
  const award = (ruleKey: string, n: number) =>
    ctx.db.transaction((tx) =>
      awardPoints(tx, { userId: memberId, ruleKey, idempotencyKey: `points:test:page:${ruleKey}:${n}`, occurredAt: ctx.clock.now(), now: ctx.clock.now(), timeZone: "Asia/Shanghai", memo: {} }),
    );

  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);
  const post: ReturnType<typeof routeCaller>["post"] = (...args) => routeCaller(context).post(...args);

  it("keeps the staff editors to staff: visitors log in, members get 403", async () => {
    for (const [route, path] of [
      [opsPointsPage, "/ops/points"],
      [opsLevelsPage, "/ops/levels"],
    ] as const) {
      const visitor = await thrown(get(asRoute(route), path));
      expect(visitor.status).toBe(302);
      expect(visitor.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
      expect((await thrown(get(asRoute(route), path, member))).status).toBe(403);
    }
    const before = await ctx.db.select().from(pointRules).where(eq(pointRules.key, "checkin"));
    expect((await thrown(post(asRoute(opsPointsPage), "/ops/points", member, { intent: "rule", key: "checkin", points: "999", growth: "5" }))).status).toBe(403);
    expect((await thrown(post(asRoute(opsLevelsPage), "/ops/levels", member, { level: "2", nameZh: "x", nameEn: "x", minGrowth: "1", dailyCapBonus: "0", multiplierBp: "10000" }))).status).toBe(403);
    expect(await ctx.db.select().from(pointRules).where(eq(pointRules.key, "checkin"))).toEqual(before);
    expect((await thrown(get(asRoute(myPointsPage), "/me/points"))).status).toBe(302);
  });

  it("edits a rule from its form (an unticked box disables it, an empty cap lifts it) and lists the audited change", async () => {
    const bad = await post(asRoute(opsPointsPage), "/ops/points", staff, { intent: "rule", key: "share.visitor", points: "-3", growth: "2", dailyCap: "20", enabled: "on" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).result.error.points).toHaveLength(1);
    expect((await ctx.db.select().from(pointRules).where(eq(pointRules.key, "share.visitor")))[0]).toMatchObject({ points: 2, dailyCap: 20, enabled: true });

    const ok = await post(asRoute(opsPointsPage), "/ops/points", staff, { intent: "rule", key: "share.visitor", points: "3", growth: "2", dailyCap: "" });
    expect(ok.status).toBe(200);
    expect((await ctx.db.select().from(pointRules).where(eq(pointRules.key, "share.visitor")))[0]).toMatchObject({ points: 3, dailyCap: null, enabled: false });
    const page = await (await get(asRoute(opsPointsPage), "/ops/points", staff)).json();
    expect(page.rules.find((r: { key: string }) => r.key === "share.visitor")).toMatchObject({ points: 3, enabled: false });
    expect(page.audit[0]).toMatchObject({ subjectType: "pointRule", subjectId: "share.visitor", before: { points: 2, dailyCap: 20, enabled: true }, after: { points: 3, dailyCap: null, enabled: false } });
  });

  it("edits the points policy, sending a missing day count back to its field", async () => {
    const bad = await post(asRoute(opsPointsPage), "/ops/points", staff, { intent: "policy", globalDailyCap: "150", expiryMode: "days", expiryDays: "", reminderDays: "7" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).result.error.expiryDays).toEqual(["请填写积分在多少天后过期。"]);
    const ok = await post(asRoute(opsPointsPage), "/ops/points", staff, { intent: "policy", globalDailyCap: "150", expiryMode: "endOfNextYear", reminderDays: "7" });
    expect(ok.status).toBe(200);
    const page = await (await get(asRoute(opsPointsPage), "/ops/points", staff)).json();
    expect(page.policy).toMatchObject({ globalDailyCap: 150, expiryMode: "endOfNextYear", reminderDays: 7 });
    expect(page.audit[0]).toMatchObject({ subjectType: "setting", after: { globalDailyCap: 150, expiry: { mode: "endOfNextYear" } } });
  });

  it("shows the last ledger check on /ops/points", async () => {
    expect((await (await get(asRoute(opsPointsPage), "/ops/points", staff)).json()).lastCheck).toBeNull();
    await runLedgerCheck(ctx.db, { now: ctx.clock.now(), logger: createLogger({ level: "silent" }) });
    expect((await (await get(asRoute(opsPointsPage), "/ops/points", staff)).json()).lastCheck).toMatchObject({ ok: true, drift: 0 });
  });

  it("edits a level, refusing thresholds that don't rise", async () => {
    const fields = { nameZh: "种草能手", nameEn: "Seeder", dailyCapBonus: "50", multiplierBp: "11000", perksZh: "每日积分上限 +50，积分 ×1.1", perksEn: "Daily cap +50, points ×1.1" };
    const bad = await post(asRoute(opsLevelsPage), "/ops/levels", staff, { level: "3", ...fields, minGrowth: "2000" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).result.error.minGrowth).toEqual(["每个等级所需的成长值必须高于比它低一级的等级。"]);
    expect((await ctx.db.select().from(levels).where(eq(levels.level, 3)))[0]!.minGrowth).toBe(500);
    const ok = await post(asRoute(opsLevelsPage), "/ops/levels", staff, { level: "3", ...fields, minGrowth: "600" });
    expect(ok.status).toBe(200);
    expect((await ctx.db.select().from(levels).where(eq(levels.level, 3)))[0]!.minGrowth).toBe(600);
    const [audit] = await ctx.db.select().from(auditLog).where(eq(auditLog.subjectType, "level")).orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ subjectId: "3", before: { minGrowth: 500 }, after: { minGrowth: 600 } });
    expect((await (await get(asRoute(opsLevelsPage), "/ops/levels", staff)).json()).audit[0]).toMatchObject({ subjectId: "3" });
  });

  it("shows a member their balance, reasons, level progress and history", async () => {
    await award("post.published", 1);
    await award("post.featured", 2);
    await award("post.featured", 3);
    const mine = await (await get(asRoute(myPointsPage), "/me/points", member)).json();
    expect(mine.summary).toMatchObject({ points: 110, growth: 110, level: { level: 2, name: "活跃达人" } });
    // All three happened at the same instant, so their order among themselves is not fixed.
    expect(mine.page.items.map((i: { reasonText: string; points: number }) => `${i.reasonText} +${i.points}`).sort()).toEqual(["发布笔记 +10", "笔记被精选 +50", "笔记被精选 +50"]);
    // A tampered cursor shows the newest page rather than an error.
    expect((await (await get(asRoute(myPointsPage), "/me/points?cursor=abc", member)).json()).page.items).toHaveLength(3);

    const me = await (await get(asRoute(mePage), "/me", member)).json();
    // V3 needs 600 since the level edit above.
    expect(me).toMatchObject({ summary: { points: 110, streak: 0, level: { nextLevelAt: 600 } }, staff: false });
    expect((await (await get(asRoute(mePage), "/me", staff)).json()).staff).toBe(true);
    expect((await (await get(asRoute(mePage), "/me/redemptions", member)).json()).summary).toBeNull();

    const lv = await (await get(asRoute(levelsPage), "/levels", member)).json();
    expect(lv.levels.map((l: { level: number }) => l.level)).toEqual([1, 2, 3, 4, 5]);
    expect(lv.history).toEqual([expect.objectContaining({ fromLevel: 1, toLevel: 2, growth: 110 })]);
    const visitor = await (await get(asRoute(levelsPage), "/levels")).json();
    expect(visitor).toMatchObject({ summary: null, history: [] });
  });
});
