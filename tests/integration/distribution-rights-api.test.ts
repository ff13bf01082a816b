import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, fraudFlags, membershipPlans, settings, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { raiseFraudFlag } from "../../server/distribution/fraud";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type Member = { user: CurrentUser; token: string };
type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };

const PLAN = {
  nameZh: "季卡",
  nameEn: "Quarterly",
  priceCents: 4_900,
  durationDays: 90,
  benefits: { distributionRights: true, pointsMultiplierBp: 12_000, monthlyPoints: 200, birthdayGift: "生日礼盒" },
};

describe("/api/v1 rights, membership and fraud: who may do what, and bad input changes nothing", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  let staff: Member;
  let member: Member;
  let creator: Member;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock });
    staff = await account(["staff"]);
    member = await account([]);
    creator = await account(["creator"]);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function account(roles: Role[]): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("a") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }

  const api = (path: string, init: { method?: string; json?: unknown; as?: Member | null; lang?: string } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": init.lang ?? "en",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });

  it("shows each member their own rights with what is missing, in their language; visitors get 401", async () => {
    expect((await api("/me/distribution-rights")).status).toBe(401);
    const res = await api("/me/distribution-rights", { as: member, lang: "zh-CN" });
    expect(res.status).toBe(200);
    const { rights } = (await res.json()) as { rights: { path: string | null; paths: { path: string; requirements: { missingText: string | null }[] }[] } };
    expect(rights.path).toBeNull();
    expect(rights.paths.map((p) => p.path)).toEqual(["creator", "tasks", "membership", "staff"]);
    expect(rights.paths[1]!.requirements.map((r) => r.missingText)).toEqual(["还差 7 天签到", "还差 ¥99 已确认消费"]);
    const mine = (await (await api("/me/distribution-rights", { as: creator })).json()) as { rights: { path: string } };
    expect(mine.rights.path).toBe("creator");
    const boss = (await (await api("/me/distribution-rights", { as: staff })).json()) as { rights: { path: string } };
    expect(boss.rights.path).toBe("staff");
  });

  it("lets only staff read and change the eligibility paths; bad input is 422 with field messages and changes nothing", async () => {
    const body = { creator: { enabled: true }, tasks: { enabled: true, checkinDays: 5, windowDays: 30, minPurchaseCents: 5_000 }, membership: { enabled: true } };
    expect((await api("/distribution/eligibility", { as: member })).status).toBe(403);
    expect((await api("/distribution/eligibility", { method: "PUT", json: body, as: member })).status).toBe(403);
    expect((await api("/distribution/eligibility", { method: "PUT", json: body, as: creator })).status).toBe(403);
    expect((await api("/distribution/eligibility", { method: "PUT", json: body })).status).toBe(401);

    const bad = await api("/distribution/eligibility", { method: "PUT", json: { ...body, tasks: { ...body.tasks, checkinDays: 40, minPurchaseCents: -1 } }, as: staff });
    expect(bad.status).toBe(422);
    const err = (await bad.json()) as ApiError;
    expect(err.error.fields).toMatchObject({
      "tasks.checkinDays": ["Check-in days can't exceed the window."],
      "tasks.minPurchaseCents": ["The purchase threshold is a whole number of cents from 0 to 100,000,000."],
    });
    expect(await db.handle.db.select().from(settings).where(eq(settings.key, "distribution.eligibility"))).toEqual([]);

    const ok = await api("/distribution/eligibility", { method: "PUT", json: body, as: staff });
    expect(ok.status).toBe(200);
    const read = (await (await api("/distribution/eligibility", { as: staff })).json()) as { settings: typeof body };
    expect(read.settings).toEqual(body);
    const audits = await db.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, "distribution.eligibility"));
    expect(audits.map((a) => [a.action, a.actorId])).toEqual([["ops.setting.updated", staff.user.id]]);
    // The member's checklist follows the new terms.
    const { rights } = (await (await api("/me/distribution-rights", { as: member })).json()) as { rights: { paths: { requirements: { missingText: string | null }[] }[] } };
    expect(rights.paths[1]!.requirements.map((r) => r.missingText)).toEqual(["5 more check-in days", "¥50 more of confirmed purchases"]);
  });

  it("lets only staff create and change plans; members and visitors list active plans and buy one as a pending order", async () => {
    expect((await api("/membership-plans", { json: PLAN, as: member })).status).toBe(403);
    expect((await api("/membership-plans", { json: PLAN, as: creator })).status).toBe(403);
    expect((await api("/membership-plans", { json: PLAN })).status).toBe(401);
    const bad = await api("/membership-plans", { json: { ...PLAN, priceCents: 0, durationDays: 1.5, benefits: { ...PLAN.benefits, pointsMultiplierBp: 500 } }, as: staff });
    expect(bad.status).toBe(422);
    expect(Object.keys(((await bad.json()) as ApiError).error.fields ?? {}).sort()).toEqual(["benefits.pointsMultiplierBp", "durationDays", "priceCents"]);
    expect(await db.handle.db.select().from(membershipPlans)).toEqual([]);

    const created = await api("/membership-plans", { json: PLAN, as: staff });
    expect(created.status).toBe(201);
    const { plan } = (await created.json()) as { plan: { id: string; name: string } };
    expect(plan.name).toBe("Quarterly");

    const patchByMember = await api(`/membership-plans/${plan.id}`, { method: "PATCH", json: { priceCents: 1 }, as: member });
    expect(patchByMember.status).toBe(403);
    const emptyPatch = await api(`/membership-plans/${plan.id}`, { method: "PATCH", json: {}, as: staff });
    expect(emptyPatch.status).toBe(422);
    expect((await db.handle.db.select().from(membershipPlans).where(eq(membershipPlans.id, plan.id)))[0]!.priceCents).toBe(4_900);
    const patched = await api(`/membership-plans/${plan.id}`, { method: "PATCH", json: { priceCents: 3_900 }, as: staff });
    expect(patched.status).toBe(200);
    expect((await api(`/membership-plans/00000000-0000-4000-8000-000000000000`, { method: "PATCH", json: { priceCents: 3_900 }, as: staff })).status).toBe(404);

    const list = (await (await api("/membership-plans", { lang: "zh-CN" })).json()) as { plans: { id: string; name: string; priceCents: number }[] };
    expect(list.plans).toEqual([expect.objectContaining({ id: plan.id, name: "季卡", priceCents: 3_900 })]);
    expect((await api("/membership-plans?all=true", { as: member })).status).toBe(403);

    expect((await api(`/membership-plans/${plan.id}/purchase`, { json: {} })).status).toBe(401);
    const bought = await api(`/membership-plans/${plan.id}/purchase`, { method: "POST", as: member });
    expect(bought.status).toBe(201);
    const { order } = (await bought.json()) as { order: { kind: string; status: string; totalCents: number; membershipPlanId: string } };
    expect(order).toMatchObject({ kind: "membership", status: "pending", totalCents: 3_900, membershipPlanId: plan.id });
    expect((await api(`/membership-plans/00000000-0000-4000-8000-000000000000/purchase`, { method: "POST", as: member })).status).toBe(404);

    const me = await api("/me/membership", { as: member });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { membership: { current: unknown } }).membership.current).toBeNull();
  });

  it("lets only staff see and resolve fraud flags; a flagged creator can't see or clear their own flag", async () => {
    const [flag] = await db.handle.db.transaction(async (tx) => {
      await raiseFraudFlag(tx, { userId: creator.user.id, kind: "click_flood", details: { clicks: 80 }, now: clock.now() });
      return tx.select().from(fraudFlags).where(eq(fraudFlags.userId, creator.user.id));
    });
    for (const who of [member, creator]) {
      expect((await api("/fraud-flags", { as: who })).status).toBe(403);
      expect((await api(`/fraud-flags/${flag!.id}/resolve`, { json: { note: "没问题" }, as: who })).status).toBe(403);
    }
    expect((await api("/fraud-flags")).status).toBe(401);
    const listed = (await (await api("/fraud-flags", { as: staff })).json()) as { flags: { id: string; kind: string; member: { id: string } }[] };
    expect(listed.flags).toEqual([expect.objectContaining({ id: flag!.id, kind: "click_flood", member: expect.objectContaining({ id: creator.user.id }) })]);

    const noNote = await api(`/fraud-flags/${flag!.id}/resolve`, { json: {}, as: staff });
    expect(noNote.status).toBe(422);
    expect(((await noNote.json()) as ApiError).error.fields).toHaveProperty("note");
    expect((await db.handle.db.select().from(fraudFlags).where(eq(fraudFlags.id, flag!.id)))[0]!.resolvedAt).toBeNull();

    const ok = await api(`/fraud-flags/${flag!.id}/resolve`, { json: { note: "已核实为正常推广" }, as: staff });
    expect(ok.status).toBe(200);
    expect((await api(`/fraud-flags/${flag!.id}/resolve`, { json: { note: "再次处理" }, as: staff })).status).toBe(409);
    expect((await api(`/fraud-flags/00000000-0000-4000-8000-000000000000/resolve`, { json: { note: "x" }, as: staff })).status).toBe(404);
  });

  it("documents the operations in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    for (const id of ["getMyDistributionRights", "getEligibilitySettings", "updateEligibilitySettings", "listMembershipPlans", "purchaseMembership", "getMyMembership", "createMembershipPlan", "updateMembershipPlan", "listFraudFlags", "resolveFraudFlag"]) {
      expect(ids).toContain(id);
    }
  });
});
