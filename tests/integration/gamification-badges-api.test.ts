import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, badgeGrants, badges, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { ensureDefaultBadges, type BadgeView, type UserBadge } from "../../server/gamification/badges";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Caller = { user: CurrentUser; token: string };

/** The badges API over the real HTTP server: public reads, staff-only writes, field messages for bad input. */
describe("/api/v1 badges", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-23T02:00:00Z");
  let staff: Caller;
  let member: Caller;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    server = await startTestServer(db, { clock });
    await ensureDefaultBadges(db.handle.db, clock.now());
    staff = await caller(["staff"]);
    member = await caller([]);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function caller(roles: Role[]): Promise<Caller> {
    const { user } = await createTestUser(db.handle.db, { roles, handle: uniqueHandle("b") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }

  const api = (path: string, init: { method?: string; as?: Caller | null; body?: unknown } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? "GET",
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });

  const newBadge = { slug: "night-owl", nameZh: "夜猫子", nameEn: "Night Owl", icon: "star", tier: "silver", criterion: { type: "counter", counter: "comments.written", threshold: 10 } };
  const badgeCount = async () => Number((await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(badges))[0]!.n);

  it("lists badges for visitors without progress and for members with theirs", async () => {
    await db.handle.db.execute(sql`insert into user_stats (user_id, likes_received) values (${member.user.id}, 40)`);
    const visitor = (await (await api("/badges")).json()) as { items: BadgeView[] };
    expect(visitor.items.map((b) => b.slug)).toContain("rising-star");
    expect(visitor.items.every((b) => b.progress === null)).toBe(true);
    const mine = (await (await api("/badges", { as: member })).json()) as { items: BadgeView[] };
    expect(mine.items.find((b) => b.slug === "rising-star")!.progress).toEqual({ earned: false, times: 0, current: 40, target: 100, remaining: 60 });
    expect(mine.items.find((b) => b.slug === "rising-star")!.criterion).toEqual({ type: "counter", counter: "likes.received", threshold: 100 });
  });

  it("lets only staff create badges: visitor 401, member 403, nothing written", async () => {
    const before = await badgeCount();
    expect((await api("/badges", { method: "POST", body: newBadge })).status).toBe(401);
    const forbidden = await api("/badges", { method: "POST", as: member, body: newBadge });
    expect(forbidden.status).toBe(403);
    expect(await badgeCount()).toBe(before);
    const id = (await db.handle.db.select().from(badges).where(eq(badges.slug, "rising-star")))[0]!.id;
    expect((await api(`/badges/${id}`, { method: "PATCH", as: member, body: { tier: "gold" } })).status).toBe(403);
    expect((await api(`/badges/${id}/grants`, { method: "POST", as: member, body: { handle: member.user.handle, reason: "x" } })).status).toBe(403);
    expect((await api(`/badges/${id}/grants`, { method: "POST", body: { handle: member.user.handle, reason: "x" } })).status).toBe(401);
    expect(await db.handle.db.select().from(badgeGrants)).toHaveLength(0);
  });

  it("answers bad input to staff operations with 422 and field messages, changing nothing", async () => {
    const before = await badgeCount();
    const cases: [unknown, string[]][] = [
      [{ ...newBadge, slug: "Night Owl" }, ["slug"]],
      [{ ...newBadge, nameZh: "" }, ["nameZh"]],
      [{ ...newBadge, tier: "platinum" }, ["tier"]],
      [{ ...newBadge, icon: "unicorn" }, ["icon"]],
      [{ ...newBadge, criterion: { type: "counter", counter: "steps.walked", threshold: 10 } }, ["criterion.counter"]],
      [{ ...newBadge, criterion: { type: "counter", counter: "followers", threshold: -1 } }, ["criterion.threshold"]],
      [{ ...newBadge, criterion: { type: "streak", days: 1.5 } }, ["criterion.days"]],
      [{ ...newBadge, criterion: { type: "lottery" } }, ["criterion.type"]],
      [{ ...newBadge, criterion: { type: "challenge", challengeId: "not-a-uuid" } }, ["criterion.challengeId"]],
      [{ ...newBadge, colour: "red" }, ["colour"]],
      [{ ...newBadge, multiple: "yes" }, ["multiple"]],
    ];
    for (const [body, fields] of cases) {
      const res = await api("/badges", { method: "POST", as: staff, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      const error = ((await res.json()) as ApiError).error;
      for (const field of fields) expect(error.fields?.[field]?.length, `${field} in ${JSON.stringify(error.fields)}`).toBeGreaterThan(0);
    }
    const unknownChallenge = await api("/badges", { method: "POST", as: staff, body: { ...newBadge, criterion: { type: "challenge", challengeId: "7b0e2a4c-0d8f-4d5e-9a11-2f3b4c5d6e7f" } } });
    expect(unknownChallenge.status).toBe(422);
    expect(((await unknownChallenge.json()) as ApiError).error.fields).toEqual({ "criterion.challengeId": ["No such challenge."] });
    expect(await badgeCount()).toBe(before);

    const id = (await db.handle.db.select().from(badges).where(eq(badges.slug, "rising-star")))[0]!.id;
    for (const body of [{}, { tier: "diamond" }, { slug: "renamed" }, { criterion: { type: "streak" } }]) {
      const res = await api(`/badges/${id}`, { method: "PATCH", as: staff, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(((await res.json()) as ApiError).error.fields ?? {}).length).toBeGreaterThan(0);
    }
    expect((await api(`/badges/not-an-id`, { method: "PATCH", as: staff, body: { tier: "gold" } })).status).toBe(422);
    for (const body of [{ handle: member.user.handle }, { handle: member.user.handle, reason: "" }, { handle: "nobody_at_all", reason: "认证" }]) {
      const res = await api(`/badges/${id}/grants`, { method: "POST", as: staff, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(((await res.json()) as ApiError).error.fields ?? {}).length).toBeGreaterThan(0);
    }
    expect(await db.handle.db.select().from(badgeGrants)).toHaveLength(0);
  });

  it("lets staff create, edit, grant and revoke, each audited; the member's badge list and certificate follow", async () => {
    const created = await api("/badges", { method: "POST", as: staff, body: newBadge });
    expect(created.status).toBe(201);
    const badge = (await created.json()) as BadgeView;
    expect(badge).toMatchObject({ slug: "night-owl", enabled: true, multiple: false, holderCount: 0, progress: null });
    expect((await api("/badges", { method: "POST", as: staff, body: newBadge })).status).toBe(409);

    const edited = await api(`/badges/${badge.id}`, { method: "PATCH", as: staff, body: { tier: "gold", certificate: true } });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ tier: "gold", certificate: true, nameZh: "夜猫子" });

    const granted = await api(`/badges/${badge.id}/grants`, { method: "POST", as: staff, body: { handle: member.user.handle.toUpperCase(), reason: "深夜分享好物" } });
    expect(granted.status).toBe(201);
    const grant = (await granted.json()) as { id: string; certificateCode: string; seq: number };
    expect(grant.seq).toBe(1);
    expect((await api(`/badges/${badge.id}/grants`, { method: "POST", as: staff, body: { handle: member.user.handle, reason: "again" } })).status).toBe(409);

    const list = (await (await api(`/users/${member.user.id}/badges`)).json()) as { items: UserBadge[] };
    expect(list.items).toEqual([
      expect.objectContaining({ grantId: grant.id, seq: 1, reason: "深夜分享好物", certificateCode: grant.certificateCode, badge: expect.objectContaining({ slug: "night-owl", tier: "gold", certificate: true }) }),
    ]);
    expect(((await (await api(`/certificates/${grant.certificateCode}`)).json()) as { valid: boolean }).valid).toBe(true);
    expect((await api("/certificates/ZZZZZZZZZZZZZZZZZZZZ")).status).toBe(404);

    expect((await api(`/badge-grants/${grant.id}/revoke`, { method: "POST", as: member, body: { reason: "x" } })).status).toBe(403);
    const revoked = await api(`/badge-grants/${grant.id}/revoke`, { method: "POST", as: staff, body: { reason: "误发" } });
    expect(revoked.status).toBe(200);
    expect((await api(`/badge-grants/${grant.id}/revoke`, { method: "POST", as: staff, body: { reason: "误发" } })).status).toBe(409);
    expect(((await (await api(`/users/${member.user.id}/badges`)).json()) as { items: UserBadge[] }).items).toEqual([]);
    expect(((await (await api(`/certificates/${grant.certificateCode}`)).json()) as { valid: boolean }).valid).toBe(false);

    // Granting a revoked single badge again restores that grant (same certificate number).
    const restored = await api(`/badges/${badge.id}/grants`, { method: "POST", as: staff, body: { handle: member.user.handle, reason: "复核后恢复" } });
    expect(restored.status).toBe(201);
    expect(((await restored.json()) as { certificateCode: string }).certificateCode).toBe(grant.certificateCode);

    const actions = (await db.handle.db.select().from(auditLog).where(eq(auditLog.actorId, staff.user.id))).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["gamification.badge.created", "gamification.badge.updated", "gamification.badge.granted", "gamification.badge.revoked"]),
    );
  });
});
