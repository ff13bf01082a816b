import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as myApplicationPage from "../../app/routes/creator.application";
import * as applyPage from "../../app/routes/creator.apply";
import * as detailPage from "../../app/routes/ops.creators.applications.$id";
import * as queuePage from "../../app/routes/ops.creators.applications._index";
import * as candidatesPage from "../../app/routes/ops.creators.candidates";
import { categories, creatorApplications, creatorInvitations, piiAccessLog, userRoles, type Role } from "../../db/schema";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

describe("creator application pages: a plain form in, staff review with logged personal data, recruitment", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  const slug = `makeup-${Date.now().toString(36)}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    await ctx.db.insert(categories).values({ slug, nameZh: "彩妆", nameEn: "Makeup", createdAt: ctx.clock.now() });
  });
  afterAll(async () => {
    await db?.close();
  });

  async function account(roles: Role[] = []) {
    const { user } = await createTestUser(ctx.db, { roles, now: ctx.clock.now() });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return { user, cookie: sessionCookie(ctx, session).split(";")[0]! };
  }
  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);
  const post: ReturnType<typeof routeCaller>["post"] = (...args) => routeCaller(context).post(...args);

  it("a member applies through the plain form; a bad field comes back with its message and nothing is saved", async () => {
    expect((await thrown(get(asRoute(applyPage), "/creator/apply"))).status).toBe(302);
    const member = await account();
    const page = await (await get(asRoute(applyPage), "/creator/apply", member.cookie)).json();
    expect(page.categories.map((c: { slug: string }) => c.slug)).toContain(slug);

    const bad = await post(asRoute(applyPage), "/creator/apply", member.cookie, { realName: "", contact: "13800138000", region: "成都", categories: slug });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.failure.fields.realName).toHaveLength(1);
    expect(body.values.contact).toBe("13800138000");
    expect(await ctx.db.select().from(creatorApplications).where(eq(creatorApplications.applicantId, member.user.id))).toHaveLength(0);

    const ok = await post(asRoute(applyPage), "/creator/apply", member.cookie, {
      realName: "陈一",
      contact: "13800138000",
      region: "成都",
      categories: slug,
      talents: "探店，美食",
      platform0: "B站",
      handle0: "chenyi",
      followers0: "3200",
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/creator/application?submitted=1");
    const mine = await (await get(asRoute(myApplicationPage), "/creator/application", member.cookie)).json();
    expect(mine.application).toMatchObject({ status: "submitted", talents: ["探店", "美食"], platformAccounts: [{ platform: "B站", handle: "chenyi", followers: 3200 }] });
    expect(JSON.stringify(mine)).not.toContain("陈一");
    // With an open application the form page says so instead of offering a second form.
    expect((await (await get(asRoute(applyPage), "/creator/apply", member.cookie)).json()).open).toBe(true);
  });

  it("staff see the queue, open an application (each view logged), and approve it; members get 403", async () => {
    const member = await account();
    await post(asRoute(applyPage), "/creator/apply", member.cookie, { realName: "王二", contact: "wang@example.test", region: "广州", categories: slug });
    const [app] = await ctx.db.select().from(creatorApplications).where(eq(creatorApplications.applicantId, member.user.id));
    const staff = await account(["staff"]);

    for (const [route, path, params] of [
      [queuePage, "/ops/creators/applications", {}],
      [detailPage, `/ops/creators/applications/${app!.id}`, { id: app!.id }],
      [candidatesPage, "/ops/creators/candidates", {}],
    ] as const) {
      expect((await thrown(get(asRoute(route), path, member.cookie, params))).status).toBe(403);
    }
    const queue = await (await get(asRoute(queuePage), "/ops/creators/applications?status=submitted", staff.cookie)).json();
    expect(queue.applications.map((a: { id: string }) => a.id)).toContain(app!.id);

    const detail = await (await get(asRoute(detailPage), `/ops/creators/applications/${app!.id}`, staff.cookie, { id: app!.id })).json();
    expect(detail.pii).toEqual({ realName: "王二", contact: "wang@example.test", region: "广州" });
    const log = await ctx.db.select().from(piiAccessLog).where(eq(piiAccessLog.applicationId, app!.id));
    expect(log).toMatchObject([{ viewerId: staff.user.id, channel: "web" }]);
    expect(detail.views).toMatchObject([{ viewer: { handle: staff.user.handle }, channel: "web" }]);

    const noReason = await post(asRoute(detailPage), `/ops/creators/applications/${app!.id}`, staff.cookie, { action: "reject" }, { id: app!.id });
    expect(noReason.status).toBe(422);
    expect((await noReason.json()).failure.fields.reason).toHaveLength(1);
    const approved = await post(asRoute(detailPage), `/ops/creators/applications/${app!.id}`, staff.cookie, { action: "approve" }, { id: app!.id });
    expect(approved.status).toBe(302);
    expect(approved.headers.get("location")).toContain("done=approved");
    const roles = await ctx.db.select().from(userRoles).where(eq(userRoles.userId, member.user.id));
    expect(roles.map((r) => r.role)).toContain("creator");
    const again = await post(asRoute(detailPage), `/ops/creators/applications/${app!.id}`, staff.cookie, { action: "approve" }, { id: app!.id });
    expect(again.status).toBe(409);
  });

  it("the candidates page shows the funnel and invites a member once", async () => {
    const staff = await account(["staff"]);
    const member = await account();
    const res = await post(asRoute(candidatesPage), "/ops/creators/candidates", staff.cookie, { userId: member.user.id, category: slug });
    expect(res.status).toBe(200);
    expect((await res.json()).invited).toBe(member.user.id);
    const twice = await post(asRoute(candidatesPage), "/ops/creators/candidates", staff.cookie, { userId: member.user.id });
    expect(twice.status).toBe(409);
    expect(await ctx.db.select().from(creatorInvitations).where(eq(creatorInvitations.userId, member.user.id))).toHaveLength(1);
    const page = await (await get(asRoute(candidatesPage), `/ops/creators/candidates?category=${slug}`, staff.cookie)).json();
    expect(page.funnel.invited).toBeGreaterThanOrEqual(1);
    expect(page.category).toBe(slug);
  });
});
