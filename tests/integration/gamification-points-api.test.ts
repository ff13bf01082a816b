import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, levels, pointRules, settings, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { awardPoints } from "../../server/gamification/points";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };

describe("/api/v1 points: ledger, getMe, rules, policy and levels", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-23T04:00:00Z");
  let member: Member;
  let staff: Member;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 8 });
    server = await startTestServer(db, { clock });
    member = await someone();
    staff = await someone(["staff"]);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function someone(roles: Role[] = []): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { roles, now: new Date("2026-11-01T00:00:00Z") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }
  const api = (path: string, init: { method?: string; as?: Member | null; body?: unknown; lang?: string } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? "GET",
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": init.lang ?? "zh-CN",
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  const award = (userId: string, ruleKey: string, n: number, at = clock.now()) =>
    db.handle.db.transaction((tx) =>
      awardPoints(tx, { userId, ruleKey, idempotencyKey: `points:test:api:${userId}:${ruleKey}:${n}`, occurredAt: at, now: at, timeZone: "Asia/Shanghai", memo: {} }),
    );

  it("getMe carries level, growth, points and streak", async () => {
    const fresh = await someone();
    const before = (await (await api("/me", { as: fresh })).json()) as Record<string, unknown>;
    expect(before).toMatchObject({ points: 0, growth: 0, streak: 0, level: { level: 1, name: "社区新人", nextLevelAt: 100, remaining: 100, percent: 0 } });
    await award(fresh.user.id, "post.featured", 1);
    await award(fresh.user.id, "post.featured", 2);
    await award(fresh.user.id, "post.published", 3);
    const after = (await (await api("/me", { as: fresh, lang: "en" })).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ user: { id: fresh.user.id }, points: 110, growth: 110, level: { level: 2, name: "Regular", growth: 110, nextLevelAt: 500, remaining: 390, percent: 2 } });
  });

  it("pages the member's ledger newest first with reasons, and rejects bad cursors and limits", async () => {
    const m = await someone();
    for (let i = 0; i < 5; i++) await award(m.user.id, "comment.created", i, new Date(clock.now().getTime() + i * 60_000));
    const first = (await (await api("/me/points/ledger?limit=3", { as: m })).json()) as { items: { reasonText: string; points: number; occurredAt: string }[]; nextCursor: string };
    expect(first.items.map((i) => `${i.reasonText} +${i.points}`)).toEqual(["发表评论 +2", "发表评论 +2", "发表评论 +2"]);
    expect(first.items[0]!.occurredAt > first.items[2]!.occurredAt).toBe(true);
    const second = (await (await api(`/me/points/ledger?limit=3&cursor=${first.nextCursor}`, { as: m })).json()) as { items: unknown[]; nextCursor: string | null };
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    for (const q of ["limit=0", "limit=51", "limit=abc", "cursor=%%%", "cursor=eyJ0IjoxfQ", "colour=red"]) {
      const res = await api(`/me/points/ledger?${q}`, { as: m });
      expect(res.status, q).toBe(422);
      expect(Object.keys(((await res.json()) as ApiError).error.fields ?? {}).length, q).toBeGreaterThan(0);
    }
    expect((await api("/me/points/ledger")).status).toBe(401);
    expect((await api("/me")).status).toBe(401);
  });

  it("lets staff edit a rule, the policy and a level, auditing each change with before and after", async () => {
    const rule = await api("/ops/points/rules/like.received", { method: "PUT", as: staff, body: { points: 2, growth: 1, dailyCap: 30, enabled: true } });
    expect(rule.status).toBe(200);
    expect(await rule.json()).toMatchObject({ rule: { key: "like.received", points: 2, dailyCap: 30 } });
    const [audit] = await db.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, "like.received")).orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ actorId: staff.user.id, action: "gamification.rule.updated", before: { points: 1, growth: 1, dailyCap: 50, enabled: true }, after: { points: 2, dailyCap: 30 } });

    const policy = await api("/ops/points/policy", { method: "PUT", as: staff, body: { globalDailyCap: 300, expiryMode: "days", expiryDays: 365, reminderDays: 14 } });
    expect(await policy.json()).toEqual({ policy: { globalDailyCap: 300, expiryMode: "days", expiryDays: 365, reminderDays: 14 } });
    const listed = (await (await api("/ops/points/rules", { as: staff })).json()) as { rules: { key: string }[]; policy: unknown };
    expect(listed.rules.map((r) => r.key)).toContain("post.published");
    expect(listed.policy).toMatchObject({ expiryMode: "days", expiryDays: 365 });

    const level = await api("/ops/levels/2", { method: "PUT", as: staff, body: { nameZh: "活跃达人", nameEn: "Regular", minGrowth: 120, dailyCapBonus: 20, multiplierBp: 10000, perksZh: "每日积分上限 +20", perksEn: "Daily points cap +20" } });
    expect(level.status).toBe(200);
    const [levelAudit] = await db.handle.db.select().from(auditLog).where(eq(auditLog.subjectType, "level")).orderBy(desc(auditLog.id));
    expect(levelAudit).toMatchObject({ subjectId: "2", before: { minGrowth: 100 }, after: { minGrowth: 120 } });
    const table = (await (await api("/levels")).json()) as { levels: { level: number; minGrowth: number }[] };
    expect(table.levels.map((l) => l.minGrowth)).toEqual([0, 120, 500, 2000, 8000]);
  });

  it("answers bad input on every operation with 4xx and field messages, changing nothing", async () => {
    const rulesBefore = await db.handle.db.select().from(pointRules);
    const levelsBefore = await db.handle.db.select().from(levels);
    const settingsBefore = await db.handle.db.select().from(settings);
    const auditsBefore = (await db.handle.db.select().from(auditLog)).length;
    const bad: [string, string, unknown, string][] = [
      ["PUT", "/ops/points/rules/like.received", { points: -1, growth: 1, dailyCap: null, enabled: true }, "points"],
      ["PUT", "/ops/points/rules/like.received", { points: 1.5, growth: 1, dailyCap: null, enabled: true }, "points"],
      ["PUT", "/ops/points/rules/like.received", { points: 1, growth: 1, dailyCap: -2, enabled: true }, "dailyCap"],
      ["PUT", "/ops/points/rules/like.received", { points: 1, growth: 1, dailyCap: null, enabled: "yes" }, "enabled"],
      ["PUT", "/ops/points/rules/like.received", { points: 1, growth: 1, dailyCap: null }, "enabled"],
      ["PUT", "/ops/points/rules/like.received", { points: 1, growth: 1, dailyCap: null, enabled: true, extra: 1 }, "extra"],
      ["PUT", "/ops/points/policy", { globalDailyCap: 100, expiryMode: "days", reminderDays: 7 }, "expiryDays"],
      ["PUT", "/ops/points/policy", { globalDailyCap: 100, expiryMode: "sometimes", reminderDays: 7 }, "expiryMode"],
      ["PUT", "/ops/points/policy", { globalDailyCap: 100, expiryMode: "never", reminderDays: 0 }, "reminderDays"],
      ["PUT", "/ops/levels/3", { nameZh: "种草能手", nameEn: "Seeder", minGrowth: 100, dailyCapBonus: 50, multiplierBp: 11000 }, "minGrowth"],
      ["PUT", "/ops/levels/1", { nameZh: "社区新人", nameEn: "Newcomer", minGrowth: 5, dailyCapBonus: 0, multiplierBp: 10000 }, "minGrowth"],
      ["PUT", "/ops/levels/2", { nameZh: "", nameEn: "Regular", minGrowth: 100, dailyCapBonus: 0, multiplierBp: 10000 }, "nameZh"],
      ["PUT", "/ops/levels/2", { nameZh: "活跃达人", nameEn: "Regular", minGrowth: 100, dailyCapBonus: 0, multiplierBp: 0 }, "multiplierBp"],
    ];
    for (const [method, path, body, field] of bad) {
      const res = await api(path, { method, as: staff, body });
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(422);
      expect(((await res.json()) as ApiError).error.fields?.[field], `${path} ${field}`).toBeDefined();
    }
    expect((await api("/ops/points/rules/no.such.rule", { method: "PUT", as: staff, body: { points: 1, growth: 1, dailyCap: null, enabled: true } })).status).toBe(404);
    expect((await api("/ops/levels/x", { method: "PUT", as: staff, body: { nameZh: "活跃达人", nameEn: "Regular", minGrowth: 100, dailyCapBonus: 0, multiplierBp: 10000 } })).status).toBe(404);
    expect((await api("/ops/levels/9", { method: "PUT", as: staff, body: { nameZh: "传奇", nameEn: "Legend", minGrowth: 99999, dailyCapBonus: 0, multiplierBp: 10000 } })).status).toBe(404);
    const malformed = await fetch(`${server.url}/api/v1/ops/points/policy`, {
      method: "PUT",
      headers: { authorization: `Bearer ${staff.token}`, "content-type": "application/json", "x-forwarded-for": testIp() },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);

    expect(await db.handle.db.select().from(pointRules)).toEqual(rulesBefore);
    expect(await db.handle.db.select().from(levels)).toEqual(levelsBefore);
    expect(await db.handle.db.select().from(settings)).toEqual(settingsBefore);
    expect(await db.handle.db.select().from(auditLog)).toHaveLength(auditsBefore);
  });

  it("lets only staff edit rules, the policy and levels: visitor 401, member 403", async () => {
    const calls: [string, string, unknown][] = [
      ["GET", "/ops/points/rules", undefined],
      ["PUT", "/ops/points/rules/checkin", { points: 100, growth: 1, dailyCap: 1, enabled: true }],
      ["PUT", "/ops/points/policy", { globalDailyCap: 1, expiryMode: "never", reminderDays: 7 }],
      ["PUT", "/ops/levels/2", { nameZh: "x", nameEn: "x", minGrowth: 101, dailyCapBonus: 0, multiplierBp: 10000 }],
    ];
    const [checkinBefore] = await db.handle.db.select().from(pointRules).where(eq(pointRules.key, "checkin"));
    for (const [method, path, body] of calls) {
      expect((await api(path, { method, body, as: null })).status, `visitor ${path}`).toBe(401);
      expect((await api(path, { method, body, as: member })).status, `member ${path}`).toBe(403);
    }
    const [checkinAfter] = await db.handle.db.select().from(pointRules).where(eq(pointRules.key, "checkin"));
    expect(checkinAfter).toEqual(checkinBefore);
    expect((await api("/levels")).status).toBe(200);
  });
});
