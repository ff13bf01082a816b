import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postCurations, userTags, type Role } from "../../db/schema";
import { createSegment, createUserTag } from "../../server/ops";
import type { RunningSeedbed } from "../../server/boot";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { createNote } from "./feeds-fixtures";

type Caller = { user: CurrentUser; token: string } | null;

describe("/api/v1 ops console: staff and admins only, bad input refused", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-23T04:00:00Z");
  const callers: Record<string, Caller> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db, { clock });
    const roles: Record<string, Role[]> = { member: [], creator: ["creator"], mcn_admin: ["mcn_admin"], staff: ["staff"], admin: ["admin"] };
    callers.visitor = null;
    for (const [name, r] of Object.entries(roles)) {
      const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles: r, handle: uniqueHandle("oc") });
      callers[name] = { user, token: (await createAccessToken(server.ctx, user.id, { name: "test" })).token };
    }
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const api = (path: string, init: { method?: string; json?: unknown; as: Caller }) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });

  const expected = (who: string, staffOk: number, adminOnly = false) =>
    who === "visitor" ? 401 : who === "admin" || (who === "staff" && !adminOnly) ? staffOk : 403;

  it("every operation × role: visitor 401, member/creator/mcn_admin 403, staff and admin succeed (the audit log: admin only)", async () => {
    const note = await createNote(db.handle.db, callers.member!.user.id, { publishedAt: new Date("2026-11-23T01:00:00Z") });
    const tag = await createUserTag(server.ctx, callers.staff!.user, { name: "矩阵测试", kind: "manual" });
    const segment = await createSegment(server.ctx, callers.staff!.user, { name: "矩阵分层", definition: { kind: "tag", tagId: tag.id } });
    for (const who of ["visitor", "member", "creator", "mcn_admin", "staff", "admin"]) {
      const as = callers[who]!;
      const statuses = {
        getPlatformMetrics: (await api("/ops/metrics?from=2026-11-01&to=2026-11-23", { as })).status,
        curatePost: (await api(`/posts/${note.id}/curation`, { as, json: { action: "boost" } })).status,
        listCurations: (await api("/ops/curations", { as })).status,
        liftCuration: (await api(`/posts/${note.id}/curation`, { as, method: "DELETE" })).status,
        listAuditLog: (await api("/ops/audit-log", { as })).status,
        createUserTag: (await api("/ops/tags", { as, json: { name: `标签-${who}`, kind: "manual" } })).status,
        listUserTags: (await api("/ops/tags", { as })).status,
        tagUser: (await api(`/ops/tags/${tag.id}/members`, { as, json: { handle: callers.member!.user.handle } })).status,
        untagUser: (await api(`/ops/tags/${tag.id}/members/${callers.member!.user.id}`, { as, method: "DELETE" })).status,
        createSegment: (await api("/ops/segments", { as, json: { name: `分层-${who}`, definition: { kind: "tag", tagId: tag.id } } })).status,
        listSegments: (await api("/ops/segments", { as })).status,
        notifySegment: (await api(`/ops/segments/${segment.id}/notifications`, { as, json: { campaignId: `c-${who}`, title: "活动", message: "快来看看", href: "/" } })).status,
      };
      expect({ who, ...statuses }).toEqual({
        who,
        getPlatformMetrics: expected(who, 200),
        curatePost: expected(who, 201),
        listCurations: expected(who, 200),
        liftCuration: expected(who, 204),
        listAuditLog: expected(who, 200, true),
        createUserTag: expected(who, 201),
        listUserTags: expected(who, 200),
        tagUser: expected(who, 204),
        untagUser: expected(who, 204),
        createSegment: expected(who, 201),
        listSegments: expected(who, 200),
        notifySegment: expected(who, 202),
      });
    }
    // Only staff and admin curated (and lifted): two curations, both ended.
    const rows = await db.handle.db.select().from(postCurations).where(eq(postCurations.postId, note.id));
    expect(rows).toHaveLength(2);
    expect((await db.handle.db.select().from(userTags)).map((t) => t.name).sort()).toEqual(["标签-admin", "标签-staff", "矩阵测试"]);
  });

  it("the audit log shows a staff curation with before and after, filtered by actor and entity", async () => {
    const note = await createNote(db.handle.db, callers.member!.user.id, { publishedAt: new Date("2026-11-23T01:00:00Z") });
    await api(`/posts/${note.id}/curation`, { as: callers.staff!, json: { action: "pin", reason: "双十二主会场" } });
    const res = await api(`/ops/audit-log?actor=${callers.staff!.user.handle}&entity=post`, { as: callers.admin! });
    const { entries } = (await res.json()) as { entries: { action: string; subjectId: string; after: { reason: string } | null; actor: { handle: string } }[] };
    expect(entries[0]).toMatchObject({ action: "ops.curation.pin", subjectId: note.id, after: expect.objectContaining({ reason: "双十二主会场" }), actor: { handle: callers.staff!.user.handle } });
    const other = await api(`/ops/audit-log?actor=${callers.admin!.user.handle}&entity=post`, { as: callers.admin! });
    expect(((await other.json()) as { entries: unknown[] }).entries.filter((e) => (e as { subjectId: string }).subjectId === note.id)).toHaveLength(0);
  });

  it("bad input on every operation: 4xx with field messages, nothing changed", async () => {
    const staff = callers.staff!;
    const note = await createNote(db.handle.db, staff.user.id, { publishedAt: new Date("2026-11-23T01:00:00Z") });
    const bad = [
      await api("/ops/metrics?from=2026-11-30&to=2026-11-01", { as: staff }),
      await api("/ops/metrics?from=yesterday", { as: staff }),
      await api("/ops/metrics?days=7", { as: staff }),
      await api(`/posts/${note.id}/curation`, { as: staff, json: { action: "feature" } }),
      await api(`/posts/${note.id}/curation`, { as: staff, json: { action: "boost", weightBp: 5000 } }),
      await api(`/posts/${note.id}/curation`, { as: staff, json: { action: "bury", decayDays: 365 } }),
      await api(`/posts/${note.id}/curation`, { as: staff, json: { action: "pin", extra: 1 } }),
      await api("/ops/audit-log?from=someday", { as: callers.admin! }),
      await api("/ops/tags", { as: staff, json: { name: "", kind: "manual" } }),
      await api("/ops/tags", { as: staff, json: { name: "规则", kind: "rule", rule: { kind: "likesInCategory", category: "美妆", min: 5 } } }),
      await api("/ops/segments", { as: staff, json: { name: "s", definition: { kind: "rfm", windowDays: -1 } } }),
      await api("/ops/segments", { as: staff, json: { name: "s", definition: { kind: "tag", tagId: "00000000-0000-4000-8000-000000000000" } } }),
    ];
    for (const res of bad) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const body = (await res.json()) as { error: { fields?: Record<string, string[]> } };
      expect(Object.keys(body.error.fields ?? {})).not.toHaveLength(0);
    }
    const missing = await api("/posts/00000000-0000-4000-8000-000000000000/curation", { as: staff, json: { action: "pin" } });
    expect(missing.status).toBe(404);
    expect(await db.handle.db.select().from(postCurations).where(eq(postCurations.postId, note.id))).toHaveLength(0);
  });
});
