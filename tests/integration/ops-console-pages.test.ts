import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dashboardPage from "../../app/routes/ops._index";
import * as audiencePage from "../../app/routes/ops.audience";
import * as auditPage from "../../app/routes/ops.audit";
import * as curationPage from "../../app/routes/ops.curation";
import { postCurations, segments, userTags, type Role } from "../../db/schema";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { computeDailyMetrics } from "../../server/ops";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createNote } from "./feeds-fixtures";

describe("ops console pages: who may open them, plain forms with field errors", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    const roles: Record<string, Role[]> = { member: [], creator: ["creator"], mcn_admin: ["mcn_admin"], staff: ["staff"], admin: ["admin"] };
    for (const [name, r] of Object.entries(roles)) {
      const { user } = await createTestUser(ctx.db, { roles: r, now: ctx.clock.now() });
      const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
      cookies[name] = sessionCookie(ctx, session).split(";")[0]!;
    }
  });
  afterAll(async () => {
    await db?.close();
  });
  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);
  const post: ReturnType<typeof routeCaller>["post"] = (...args) => routeCaller(context).post(...args);

  it("each page × role: a visitor is sent to log in, member/creator/MCN admin get 403, staff and admin the page (the audit log: admin only)", async () => {
    const pages = [
      { name: "dashboard", route: asRoute(dashboardPage), path: "/ops", adminOnly: false },
      { name: "curation", route: asRoute(curationPage), path: "/ops/curation", adminOnly: false },
      { name: "audience", route: asRoute(audiencePage), path: "/ops/audience", adminOnly: false },
      { name: "audit", route: asRoute(auditPage), path: "/ops/audit", adminOnly: true },
    ];
    for (const page of pages) {
      expect((await thrown(get(page.route, page.path))).status).toBe(302);
      for (const who of ["member", "creator", "mcn_admin"]) expect({ page: page.name, who, status: (await thrown(get(page.route, page.path, cookies[who]!))).status }).toEqual({ page: page.name, who, status: 403 });
      const staff = page.adminOnly ? (await thrown(get(page.route, page.path, cookies.staff!))).status : (await get(page.route, page.path, cookies.staff!)).status;
      expect({ page: page.name, staff }).toEqual({ page: page.name, staff: page.adminOnly ? 403 : 200 });
      expect((await get(page.route, page.path, cookies.admin!)).status).toBe(200);
    }
  });

  it("the dashboard shows the day's numbers from the daily table, and a bad range falls back with a 400", async () => {
    const day = "2026-11-22";
    const author = (await createTestUser(ctx.db, { now: new Date("2026-11-22T03:00:00Z") })).user;
    await createNote(ctx.db, author.id, { publishedAt: new Date("2026-11-22T03:00:00Z") });
    await computeDailyMetrics(ctx.db, day, ctx.config.platformTimeZone, ctx.clock.now());
    const res = await get(asRoute(dashboardPage), `/ops?from=${day}&to=${day}`, cookies.staff!);
    const { metrics } = await res.json();
    expect(metrics.days).toEqual([expect.objectContaining({ day, dau: 1, newMembers: 1, notes: 1 })]);
    const bad = await get(asRoute(dashboardPage), "/ops?from=2026-11-30&to=2026-11-01", cookies.staff!);
    expect(bad.status).toBe(400);
    expect((await bad.json()).invalid).toBe(true);
  });

  it("curation and audience forms: refused input comes back with the field's message and nothing is saved; good input saves", async () => {
    const author = (await createTestUser(ctx.db)).user;
    const note = await createNote(ctx.db, author.id, { publishedAt: new Date("2026-11-22T03:00:00Z") });
    const bad = await post(asRoute(curationPage), "/ops/curation", cookies.staff!, { postId: note.id, action: "boost", weightBp: "5000", decayDays: "", reason: "" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).failure.fields.weightBp).toHaveLength(1);
    expect(await ctx.db.select().from(postCurations).where(eq(postCurations.postId, note.id))).toHaveLength(0);
    const ok = await post(asRoute(curationPage), "/ops/curation", cookies.staff!, { postId: note.id, action: "pin", weightBp: "", decayDays: "2", reason: "首页活动" });
    expect((await ok.json()).done).toBe("curated");
    expect(await ctx.db.select().from(postCurations).where(eq(postCurations.postId, note.id))).toHaveLength(1);

    const badTag = await post(asRoute(audiencePage), "/ops/audience", cookies.staff!, { intent: "createTag", name: "夜猫子", kind: "rule", ruleKind: "likesInCategory", category: "", min: "5", days: "30" });
    expect(badTag.status).toBe(422);
    expect((await badTag.json()).failure.fields["rule.category"]).toHaveLength(1);
    expect(await ctx.db.select().from(userTags)).toHaveLength(0);
    const goodTag = await post(asRoute(audiencePage), "/ops/audience", cookies.staff!, { intent: "createTag", name: "美妆爱好者", kind: "rule", ruleKind: "likesInCategory", category: "美妆", min: "5", days: "30" });
    expect((await goodTag.json()).done).toBe("saved");
    const badSegment = await post(asRoute(audiencePage), "/ops/audience", cookies.staff!, { intent: "createSegment", name: "高价值", recency: "30", frequency: "2", monetary: "abc", window: "90" });
    expect(badSegment.status).toBe(422);
    expect(await ctx.db.select().from(segments)).toHaveLength(0);
    const goodSegment = await post(asRoute(audiencePage), "/ops/audience", cookies.staff!, { intent: "createSegment", name: "高价值", recency: "30", frequency: "2", monetary: "500", window: "90" });
    expect((await goodSegment.json()).done).toBe("saved");
    const [segment] = await ctx.db.select().from(segments);
    expect(segment!.definition).toEqual({ kind: "rfm", maxRecencyDays: 30, minFrequency: 2, minMonetaryCents: 50_000, windowDays: 90 });
  });
});
