import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as auditPage from "../../app/routes/ops.audit";
import * as detailPage from "../../app/routes/ops.creators.applications.$id";
import { auditLog, categories, piiAccessLog, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { applyAsCreator } from "../../server/creators/applications";
import { createAccessToken } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { FixedClock } from "../../server/shared/clock";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type AuditRow = { actor: { handle: string } | null; action: string; subjectType: string; subjectId: string; before: unknown; after: unknown };

describe("each staff view of an applicant's personal data is in the audit log too, without the data", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  let context: AppLoadContext;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  const slug = `audit-${Date.now().toString(36)}`;
  const person = { realName: "林小雨", contact: "+86 138 0013 8000", region: "上海市徐汇区" };

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock });
    context = { ...server.ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    await db.handle.db.insert(categories).values({ slug, nameZh: "美妆", nameEn: "Beauty", createdAt: clock.now() });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function account(roles: Role[] = []) {
    const { user } = await createTestUser(db.handle.db, { roles, now: clock.now(), handle: uniqueHandle("pa") });
    const session = await createSession(db.handle.db, { userId: user.id, now: clock.now() });
    return { user, cookie: sessionCookie(server.ctx, session).split(";")[0]! };
  }
  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);

  it("records who looked, at which application, which fields and from where — on the page and over the API — and /ops/audit shows it", async () => {
    const applicant = await account();
    const app = await applyAsCreator(server.ctx, applicant.user, { ...person, categories: [slug] });
    const staff = await account(["staff"]);
    const admin = await account(["admin"]);

    const page = await get(asRoute(detailPage), `/ops/creators/applications/${app.id}`, staff.cookie, { id: app.id });
    expect(((await page.json()) as { pii: unknown }).pii).toEqual(person);
    const { token } = await createAccessToken(server.ctx, admin.user.id, { name: "test" });
    const res = await fetch(`${server.url}/api/v1/creator-applications/${app.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);

    const entries = await db.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, app.id)).orderBy(auditLog.id);
    expect(entries.map((e) => [e.actorId, e.action, e.subjectType, e.before, e.after])).toEqual([
      [staff.user.id, "creators.application.pii.view", "creator_application", null, { fields: ["realName", "contact", "region"], channel: "web" }],
      [admin.user.id, "creators.application.pii.view", "creator_application", null, { fields: ["realName", "contact", "region"], channel: "api" }],
    ]);
    // One audit entry per access-log row: the two records never disagree.
    expect(await db.handle.db.select().from(piiAccessLog).where(eq(piiAccessLog.applicationId, app.id))).toHaveLength(2);
    expect(JSON.stringify(entries)).not.toMatch(/林小雨|138|上海/);

    // The audit page (admins only) lists the views, filtered by the action's prefix; staff cannot read it.
    const audit = (await (await get(asRoute(auditPage), "/ops/audit?entity=creators.application.pii", admin.cookie)).json()) as { entries: AuditRow[] };
    const mine = audit.entries.filter((e) => e.subjectId === app.id);
    expect(mine.map((e) => [e.actor?.handle, e.action])).toEqual([
      [admin.user.handle, "creators.application.pii.view"],
      [staff.user.handle, "creators.application.pii.view"],
    ]);
    expect(JSON.stringify(audit)).not.toContain("林小雨");
    expect((await thrown(get(asRoute(auditPage), "/ops/audit", staff.cookie))).status).toBe(403);
  });

  it("a refused or failed look records nothing: a member, an unknown id", async () => {
    const applicant = await account();
    const app = await applyAsCreator(server.ctx, applicant.user, { ...person, categories: [slug] });
    const member = await account();
    const before = (await db.handle.db.select().from(auditLog)).length;
    expect((await thrown(get(asRoute(detailPage), `/ops/creators/applications/${app.id}`, member.cookie, { id: app.id }))).status).toBe(403);
    const staff = await account(["staff"]);
    await expect(get(asRoute(detailPage), "/ops/creators/applications/00000000-0000-4000-8000-000000000000", staff.cookie, { id: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await db.handle.db.select().from(auditLog)).length).toBe(before);
    expect(await db.handle.db.select().from(piiAccessLog).where(eq(piiAccessLog.applicationId, app.id))).toHaveLength(0);
  });
});
