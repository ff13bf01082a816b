import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  badgeGrants,
  badges,
  categories,
  creatorApplications,
  distributionRights,
  notifications,
  outboxEvents,
  piiAccessLog,
  posts,
  userRoles,
  type Role,
} from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { CONTENT_EVENTS } from "../../server/content/events";
import { applicationsConsumers } from "../../server/creators/applications/consumers";
import { expireTrials } from "../../server/creators/applications/schedules";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { emitEvent } from "../../server/jobs/emit-event";
import { createJobRunner } from "../../server/jobs/runner";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; fields?: Record<string, string[]> } };
type Who = { user: CurrentUser; token: string };
type App = { id: string; status: string; reason: string | null; reapplyAfter: string | null; trial: { requiredNotes: number; publishedNotes: number; outcome: string } | null; events: { kind: string }[] };

const DAY = 86_400_000;

describe("/api/v1 creator applications: encrypted personal data, the staff pipeline and what approval grants", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  let staff: Who;
  let admin: Who;
  let categoryId: string;
  const slug = `beauty-${Date.now().toString(36)}`;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock });
    staff = await who(["staff"]);
    admin = await who(["admin"]);
    const [cat] = await db.handle.db.insert(categories).values({ slug, nameZh: "美妆", nameEn: "Beauty", createdAt: clock.now() }).returning();
    categoryId = cat!.id;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function who(roles: Role[] = []): Promise<Who> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("ca") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }
  const api = (path: string, init: { json?: unknown; as?: Who | null } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.json !== undefined ? "POST" : "GET",
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  const form = (overrides: Record<string, unknown> = {}) => ({
    realName: "林小雨",
    contact: "+86 138 0013 8000",
    region: "上海市徐汇区",
    categories: [slug],
    talents: ["妆容教程", "护肤测评"],
    platformAccounts: [{ platform: "抖音", handle: "xiaoyu", followers: 12_000 }],
    sampleNotes: "三篇底妆测评",
    ...overrides,
  });
  async function apply(as: Who, overrides: Record<string, unknown> = {}): Promise<App> {
    const res = await api("/creator-applications", { as, json: form(overrides) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { application: App }).application;
  }
  const decide = (id: string, body: Record<string, unknown>, as: Who = staff) => api(`/creator-applications/${id}/decision`, { as, json: body });
  const drain = () =>
    createJobRunner({
      db: db.handle.db,
      logger: createLogger({ level: "silent" }),
      clock,
      consumers: applicationsConsumers,
      context: { config: server.ctx.config, realtime: server.ctx.realtime },
    }).drain();

  it("keeps real name, contact and region only as ciphertext; staff read them decrypted, and every read is logged", async () => {
    const applicant = await who();
    const app = await apply(applicant);
    expect(app.status).toBe("submitted");
    expect(JSON.stringify(app)).not.toContain("林小雨");

    const [raw] = await db.handle.db.execute(sql`select real_name_cipher, contact_cipher, region_cipher from creator_applications where id = ${app.id}`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, string>[]);
    for (const value of Object.values(raw!)) {
      expect(value).toMatch(/^v1\./);
      expect(value).not.toMatch(/林小雨|138|上海/);
    }
    const dump = await db.handle.db.execute(sql`select row_to_json(a)::text as j from creator_applications a where id = ${app.id}`);
    expect(JSON.stringify(dump)).not.toContain("林小雨");

    const before = await db.handle.db.select().from(piiAccessLog).where(eq(piiAccessLog.applicationId, app.id));
    expect(before).toHaveLength(0);
    const res = await api(`/creator-applications/${app.id}`, { as: staff });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { pii: { realName: string; contact: string; region: string } };
    expect(body.pii).toEqual({ realName: "林小雨", contact: "+86 138 0013 8000", region: "上海市徐汇区" });
    await api(`/creator-applications/${app.id}`, { as: admin });
    const log = await db.handle.db.select().from(piiAccessLog).where(eq(piiAccessLog.applicationId, app.id));
    expect(log.map((l) => l.viewerId).sort()).toEqual([staff.user.id, admin.user.id].sort());
    expect(log.every((l) => l.channel === "api")).toBe(true);
  });

  it("authorization: visitors sign in, members see only their own, only staff and admins review or find candidates", async () => {
    const applicant = await who();
    const app = await apply(applicant);
    const others: Record<string, Who | null> = {
      visitor: null,
      member: await who(),
      creator: await who(["creator"]),
      mcn_admin: await who(["mcn_admin"]),
    };
    for (const [role, as] of Object.entries(others)) {
      const expected = as ? 403 : 401;
      expect((await api("/creator-applications", { as })).status, role).toBe(expected);
      expect((await api(`/creator-applications/${app.id}`, { as })).status, role).toBe(expected);
      expect((await decide(app.id, { action: "review" }, as as Who)).status, role).toBe(expected);
      expect((await api("/creator-candidates", { as })).status, role).toBe(expected);
      expect((await api("/creator-invitations", { as, json: { userId: applicant.user.id } })).status, role).toBe(expected);
      expect((await api("/creator-invitations/funnel", { as })).status, role).toBe(expected);
    }
    // A visitor can't apply or read "mine"; a member reads their own (null when none); a creator can't apply again.
    expect((await api("/creator-applications", { json: form() })).status).toBe(401);
    expect((await api("/me/creator-application")).status).toBe(401);
    const mine = (await (await api("/me/creator-application", { as: others.member })).json()) as { application: App | null };
    expect(mine.application).toBeNull();
    const own = (await (await api("/me/creator-application", { as: applicant })).json()) as { application: App };
    expect(own.application.id).toBe(app.id);
    expect(JSON.stringify(own)).not.toContain("林小雨");
    expect((await api("/creator-applications", { as: others.creator, json: form() })).status).toBe(409);
    for (const as of [staff, admin]) {
      expect((await api("/creator-applications", { as })).status).toBe(200);
      expect((await api("/creator-candidates", { as })).status).toBe(200);
    }
    // Nothing a refused caller tried moved the application.
    const [row] = await db.handle.db.select().from(creatorApplications).where(eq(creatorApplications.id, app.id));
    expect(row!.status).toBe("submitted");
  });

  it("nobody decides their own application, whatever their role", async () => {
    for (const roles of [["staff"], ["admin"]] as Role[][]) {
      const reviewer = await who(roles);
      const app = await apply(reviewer);
      const res = await decide(app.id, { action: "approve" }, reviewer);
      expect(res.status).toBe(403);
      expect(((await res.json()) as ApiError).error.code).toBe("FORBIDDEN");
      const [row] = await db.handle.db.select().from(creatorApplications).where(eq(creatorApplications.id, app.id));
      expect(row!.status).toBe("submitted");
    }
  });

  it("approval grants the creator role, distribution rights, the creator badge with certificate and one notice — exactly once", async () => {
    const applicant = await who();
    const app = await apply(applicant);
    expect((await decide(app.id, { action: "review" })).status).toBe(200);
    const [first, second] = await Promise.all([decide(app.id, { action: "approve" }), decide(app.id, { action: "approve" }, admin)]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect((await decide(app.id, { action: "approve" })).status).toBe(409);
    await drain();

    const roles = await db.handle.db.select().from(userRoles).where(eq(userRoles.userId, applicant.user.id));
    expect(roles.map((r) => r.role)).toContain("creator");
    const [rights] = await db.handle.db.select().from(distributionRights).where(eq(distributionRights.userId, applicant.user.id));
    expect(rights!.path).toBe("creator");
    const grants = await db.handle.db
      .select({ code: badgeGrants.certificateCode })
      .from(badgeGrants)
      .innerJoin(badges, eq(badges.id, badgeGrants.badgeId))
      .where(and(eq(badgeGrants.userId, applicant.user.id), eq(badges.slug, "verified-creator")));
    expect(grants).toHaveLength(1);
    expect(grants[0]!.code).toBeTruthy();
    const notes = await db.handle.db.select().from(notifications).where(and(eq(notifications.userId, applicant.user.id), sql`${notifications.data}->>'kind' = 'creatorApplication'`));
    expect(notes).toHaveLength(1);
    expect((notes[0]!.data as { status: string }).status).toBe("approved");
    const decided = await db.handle.db.select().from(outboxEvents).where(and(eq(outboxEvents.type, "creators.application.decided"), sql`${outboxEvents.payload}->>'applicationId' = ${app.id}`));
    expect(decided).toHaveLength(1);
    const audits = await db.handle.db.select().from(auditLog).where(and(eq(auditLog.subjectId, app.id), eq(auditLog.action, "creators.application.approved")));
    expect(audits).toHaveLength(1);

    // The new creator can now create a distribution link's prerequisite: rights on the creator path; and can't apply again.
    const mine = (await (await api("/me/creator-application", { as: applicant })).json()) as { application: App };
    expect(mine.application.status).toBe("approved");
    expect(mine.application.events.map((e) => e.kind)).toEqual(["submitted", "review", "approved"]);
  });

  it("one open application at a time; after a rejection (with its reason) a new one only 30 days later by the clock", async () => {
    const applicant = await who();
    const app = await apply(applicant);
    const twice = await Promise.all([1, 2, 3].map(() => api("/creator-applications", { as: applicant, json: form() })));
    expect(twice.map((r) => r.status)).toEqual([409, 409, 409]);

    const noReason = await decide(app.id, { action: "reject" });
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as ApiError).error.fields?.reason).toBeDefined();
    expect((await decide(app.id, { action: "reject", reason: "样稿不足" })).status).toBe(200);
    await drain();
    const mine = (await (await api("/me/creator-application", { as: applicant })).json()) as { application: App };
    expect(mine.application.reason).toBe("样稿不足");
    expect(new Date(mine.application.reapplyAfter!).getTime()).toBe(clock.now().getTime() + 30 * DAY);
    const [note] = await db.handle.db.select().from(notifications).where(and(eq(notifications.userId, applicant.user.id), sql`${notifications.data}->>'status' = 'rejected'`));
    expect(JSON.stringify(note!.data)).toContain("样稿不足");

    const saved = clock.now();
    try {
      clock.set(new Date(saved.getTime() + 29 * DAY));
      const early = await api("/creator-applications", { as: applicant, json: form() });
      expect(early.status).toBe(409);
      clock.set(new Date(saved.getTime() + 30 * DAY + 1000));
      const again = await apply(applicant);
      expect(again.status).toBe("submitted");
      expect(again.id).not.toBe(app.id);
    } finally {
      clock.set(saved);
    }
  });

  it("a trial task passes when the notes are published in its category, and fails when the deadline passes first", async () => {
    const passer = await who();
    const failer = await who();
    const a = await apply(passer);
    const b = await apply(failer);
    for (const id of [a.id, b.id]) {
      const res = await decide(id, { action: "trial", trialCategoryId: categoryId });
      expect(res.status).toBe(200);
      const app = ((await res.json()) as { application: App }).application;
      expect(app.status).toBe("trial");
      expect(app.trial).toMatchObject({ requiredNotes: 3, publishedNotes: 0, outcome: "running" });
    }

    // Three published notes in the category (one in another category doesn't count), each announced as the publish flow does.
    const publish = async (authorId: string, inCategory: boolean) => {
      await db.handle.db.transaction(async (tx) => {
        const [p] = await tx
          .insert(posts)
          .values({ authorId, status: "published", title: "试用笔记", categoryId: inCategory ? categoryId : null, publishedAt: clock.now(), createdAt: clock.now(), updatedAt: clock.now() })
          .returning();
        await emitEvent(tx, { type: CONTENT_EVENTS.postPublished, payload: { postId: p!.id, authorId, categoryId: p!.categoryId, title: p!.title, mentionedUserIds: [], topicNames: [] }, occurredAt: clock.now() });
      });
      await drain();
    };
    await publish(passer.user.id, true);
    await publish(passer.user.id, false);
    await publish(passer.user.id, true);
    let mine = (await (await api("/me/creator-application", { as: passer })).json()) as { application: App };
    expect(mine.application.trial).toMatchObject({ publishedNotes: 2, outcome: "running" });
    await publish(passer.user.id, true);
    mine = (await (await api("/me/creator-application", { as: passer })).json()) as { application: App };
    expect(mine.application.trial).toMatchObject({ publishedNotes: 3, outcome: "passed" });
    expect(mine.application.status).toBe("trial");

    await publish(failer.user.id, true);
    const saved = clock.now();
    try {
      clock.set(new Date(saved.getTime() + 14 * DAY + 60_000));
      await expireTrials.run({ db: db.handle.db, clock, logger: server.ctx.logger, realtime: server.ctx.realtime, config: server.ctx.config, slot: "t", scheduledFor: clock.now() });
      await expireTrials.run({ db: db.handle.db, clock, logger: server.ctx.logger, realtime: server.ctx.realtime, config: server.ctx.config, slot: "t", scheduledFor: clock.now() }); // a second run changes nothing
      await drain();
    } finally {
      clock.set(saved);
    }
    const failed = (await (await api("/me/creator-application", { as: failer })).json()) as { application: App };
    expect(failed.application.trial).toMatchObject({ publishedNotes: 1, outcome: "failed" });
    expect(failed.application.events.filter((e) => e.kind === "trial_failed")).toHaveLength(1);
    const staffView = (await (await api("/creator-applications?status=trial", { as: staff })).json()) as { applications: App[] };
    const outcomes = Object.fromEntries(staffView.applications.map((x) => [x.id, x.trial?.outcome]));
    expect(outcomes[a.id]).toBe("passed");
    expect(outcomes[b.id]).toBe("failed");
  });

  it("racing first applications from one member make exactly one", async () => {
    const applicant = await who();
    const results = await Promise.all(Array.from({ length: 6 }, () => api("/creator-applications", { as: applicant, json: form() })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const rows = await db.handle.db.select().from(creatorApplications).where(eq(creatorApplications.applicantId, applicant.user.id));
    expect(rows).toHaveLength(1);
  });

  it("bad input answers 422 with field messages and changes nothing", async () => {
    const applicant = await who();
    const count = async () => (await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(creatorApplications)).at(0)!.n;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [form({ realName: "" }), "realName"],
      [form({ contact: "x".repeat(121) }), "contact"],
      [form({ categories: [] }), "categories"],
      [form({ categories: ["no-such-category"] }), "categories"],
      [form({ platformAccounts: [{ platform: "抖音", handle: "a", followers: -1 }] }), "platformAccounts.0.followers"],
      [form({ samplePostIds: ["00000000-0000-4000-8000-000000000000"] }), "samplePostIds"],
      [{ ...form(), extra: 1 }, "_"],
    ];
    for (const [body, field] of cases) {
      const res = await api("/creator-applications", { as: applicant, json: body });
      expect(res.status, field).toBe(422);
      const err = (await res.json()) as ApiError;
      expect(Object.keys(err.error.fields ?? {}).join(","), field).toContain(field === "_" ? "" : field);
    }
    expect(await count()).toBe(before);

    const app = await apply(applicant);
    for (const body of [{ action: "promote" }, { action: "trial" }, { action: "trial", trialCategoryId: "00000000-0000-4000-8000-000000000000" }, { action: "trial", trialCategoryId: categoryId, trialDays: 0 }]) {
      const res = await decide(app.id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    const [row] = await db.handle.db.select().from(creatorApplications).where(eq(creatorApplications.id, app.id));
    expect(row!.status).toBe("submitted");
    expect(row!.trialStartedAt).toBeNull();
    expect((await api("/creator-applications?status=nope", { as: staff })).status).toBe(422);
    expect((await api("/creator-applications/not-an-id", { as: staff })).status).toBe(422);
    expect((await api("/creator-applications/00000000-0000-4000-8000-000000000000", { as: staff })).status).toBe(404);
  });
});
