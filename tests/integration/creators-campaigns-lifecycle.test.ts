import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, campaigns, campaignSubmissions, creatorTiers, journalEntries, notifications, posts, uploads, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { campaignsConsumers } from "../../server/creators/campaigns/consumers";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import { balanceOf, checkLedgerInvariants, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { createNote, ensureCategory } from "./feeds-fixtures";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };
type Campaign = {
  id: string;
  status: string;
  title: string;
  brief: string;
  startsAt: string;
  endsAt: string;
  coverUploadId: string | null;
  coverUrl: string | null;
  cancelReason: string | null;
  topBonusCents: number;
  viewer: { joined: boolean; canJoin: boolean; canManage: boolean; canEdit: boolean } | null;
};
type Submission = { id: string; status: string; topPick: boolean; rewardedPoints: number; rewardedCents: number };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A campaign's life as its people see it: upcoming with a countdown and no joining yet, running,
 * ended (no joins or entries, judging for seven more days), cancelled by its runner with a reason;
 * edits before the end by staff or the running creator only; a platform top pick's cash bonus paid
 * once into the member's earnings and the note featured on the home page.
 */
describe("/api/v1 campaign life cycle, edits, cancellation and the top pick's cash bonus", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  let staff: Member;
  let beauty: string;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock, env: { DATABASE_POOL_SIZE: "24" } });
    staff = await member(["staff"]);
    beauty = await ensureCategory(db.handle.db, "beauty", "美妆");
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function member(roles: Role[] = [], tier?: "C1" | "C2" | "C3"): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("lc") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    if (tier) await db.handle.db.insert(creatorTiers).values({ userId: user.id, tier, since: clock.now(), evaluatedAt: clock.now() });
    return { user, token };
  }

  const api = (path: string, init: { method?: string; json?: unknown; as?: Member | null } = {}) =>
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

  const inHours = (h: number) => new Date(clock.now().getTime() + h * HOUR).toISOString();
  const bounty = (fields: Record<string, unknown> = {}) => ({
    type: "content_bounty",
    title: "冬日护手霜征集",
    brief: "分享你的护手霜",
    categorySlug: "beauty",
    startsAt: inHours(-1),
    endsAt: inHours(24 * 7),
    rewardPoints: 40,
    topExtraPoints: 100,
    topN: 2,
    ...fields,
  });

  async function create(who: Member, body: Record<string, unknown> = bounty()): Promise<Campaign> {
    const res = await api("/campaigns", { as: who, json: body });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { campaign: Campaign }).campaign;
  }
  async function read(id: string, as?: Member): Promise<Campaign> {
    return ((await (await api(`/campaigns/${id}`, { as })).json()) as { campaign: Campaign }).campaign;
  }
  async function enter(who: Member, campaignId: string): Promise<Submission> {
    await api(`/campaigns/${campaignId}/participants`, { as: who, json: {} });
    const note = await createNote(db.handle.db, who.user.id, { categoryId: beauty, publishedAt: clock.now() });
    const res = await api(`/campaigns/${campaignId}/submissions`, { as: who, json: { postId: note.id } });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { submission: Submission }).submission;
  }
  const row = async (id: string) => (await db.handle.db.select().from(campaigns).where(eq(campaigns.id, id)))[0]!;
  const drainNotices = async () => {
    const runner = createJobRunner({ db: db.handle.db, logger: server.ctx.logger, clock, consumers: campaignsConsumers, context: { config: server.ctx.config, realtime: server.ctx.realtime } });
    await runner.drain();
    await runner.drain();
  };

  it("shows an upcoming campaign with its state, lists it under upcoming, and opens joining at the start", async () => {
    const campaign = await create(staff, bounty({ startsAt: inHours(5), endsAt: inHours(24 * 3) }));
    expect(campaign.status).toBe("upcoming");
    const fan = await member();
    expect((await read(campaign.id, fan)).viewer).toMatchObject({ joined: false, canJoin: false });
    const early = await api(`/campaigns/${campaign.id}/participants`, { as: fan, json: {} });
    expect(early.status).toBe(409);
    expect(((await early.json()) as ApiError).error.message).toBe("This campaign hasn't started yet.");
    const upcoming = (await (await api("/campaigns?status=upcoming")).json()) as { campaigns: Campaign[] };
    expect(upcoming.campaigns.map((c) => c.id)).toContain(campaign.id);
    const running = (await (await api("/campaigns?status=active")).json()) as { campaigns: Campaign[] };
    expect(running.campaigns.map((c) => c.id)).not.toContain(campaign.id);
    expect((await row(campaign.id)).participantCount).toBe(0);

    clock.advance(6 * HOUR);
    try {
      expect((await read(campaign.id, fan)).viewer).toMatchObject({ canJoin: true });
      expect((await api(`/campaigns/${campaign.id}/participants`, { as: fan, json: {} })).status).toBe(200);
      expect((await read(campaign.id)).status).toBe("active");
    } finally {
      clock.advance(-6 * HOUR);
    }
  });

  it("after the end takes no joins or entries, lets judges decide for 7 more days, then closes judging", async () => {
    const campaign = await create(staff, bounty({ endsAt: inHours(2) }));
    const early = await member();
    const first = await enter(early, campaign.id);
    const second = await enter(await member(), campaign.id);
    clock.advance(3 * HOUR);
    try {
      expect((await read(campaign.id)).status).toBe("ended");
      const late = await member();
      expect((await api(`/campaigns/${campaign.id}/participants`, { as: late, json: {} })).status).toBe(409);
      const note = await createNote(db.handle.db, early.user.id, { categoryId: beauty, publishedAt: clock.now() });
      const entry = await api(`/campaigns/${campaign.id}/submissions`, { as: early, json: { postId: note.id } });
      expect(entry.status).toBe(409);
      expect(((await entry.json()) as ApiError).error.message).toBe("Submissions have closed.");
      const ended = (await (await api("/campaigns?status=ended")).json()) as { campaigns: Campaign[] };
      expect(ended.campaigns.map((c) => c.id)).toContain(campaign.id);

      // Within the grace: judged and paid.
      expect((await api(`/campaign-submissions/${first.id}/review`, { as: staff, json: { action: "approve" } })).status).toBe(200);
      expect(await balanceOf(db.handle.db, userAccount(early.user.id, "points"))).toBe(40);
      // Past it: 409, nothing paid, the entry still waiting.
      clock.advance(7 * DAY);
      const closed = await api(`/campaign-submissions/${second.id}/review`, { as: staff, json: { action: "approve" } });
      expect(closed.status).toBe(409);
      expect(((await closed.json()) as ApiError).error.message).toBe("Judging closed 7 days after the campaign ended.");
      const [still] = await db.handle.db.select().from(campaignSubmissions).where(eq(campaignSubmissions.id, second.id));
      expect(still).toMatchObject({ status: "submitted", rewardedPoints: 0 });
    } finally {
      clock.advance(-(3 * HOUR + 7 * DAY));
    }
  });

  it("lets staff and the running creator edit before the end (audited before/after); visitors, members and other creators cannot", async () => {
    const owner = await member(["creator"], "C2");
    const campaign = await create(owner, bounty({ startsAt: inHours(2) }));
    const edit = (as: Member | null, json: Record<string, unknown>) => api(`/campaigns/${campaign.id}`, { method: "PATCH", as, json });
    expect((await edit(null, { title: "改个名" })).status).toBe(401);
    expect((await edit(await member(), { title: "改个名" })).status).toBe(403);
    expect((await edit(await member(["creator"], "C3"), { title: "改个名" })).status).toBe(403);
    expect((await edit(await member(["mcn_admin"]), { title: "改个名" })).status).toBe(403);
    expect((await read(campaign.id)).title).toBe("冬日护手霜征集");

    const byOwner = await edit(owner, { title: "冬日护手霜大赏", startsAt: inHours(3) });
    expect(byOwner.status).toBe(200);
    expect(((await byOwner.json()) as { campaign: Campaign }).campaign).toMatchObject({ title: "冬日护手霜大赏", startsAt: inHours(3), status: "upcoming" });
    const byStaff = await edit(staff, { brief: "运营补充：每人最多投 3 篇" });
    expect(byStaff.status).toBe(200);
    const audit = await db.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, campaign.id)).orderBy(auditLog.at, auditLog.id);
    const updates = audit.filter((a) => a.action === "creators.campaign.updated");
    expect(updates).toHaveLength(2);
    expect(updates[0]).toMatchObject({ actorId: owner.user.id, before: { title: "冬日护手霜征集", startsAt: inHours(2) }, after: { title: "冬日护手霜大赏", startsAt: inHours(3) } });
    expect(updates[1]).toMatchObject({ actorId: staff.user.id, before: { brief: "分享你的护手霜" }, after: { brief: "运营补充：每人最多投 3 篇" } });

    // A creator can't edit a platform campaign; staff can edit any.
    const platform = await create(staff);
    expect((await api(`/campaigns/${platform.id}`, { method: "PATCH", as: owner, json: { title: "x" } })).status).toBe(403);
  });

  it("answers bad edits with 422 and field messages and changes nothing; an ended campaign can't be edited (409)", async () => {
    const campaign = await create(staff);
    const other = await member();
    const [othersUpload] = await db.handle.db
      .insert(uploads)
      .values({
        ownerId: other.user.id,
        kind: "image",
        key: `u/${other.user.id}/${crypto.randomUUID()}/original`,
        declaredMime: "image/png",
        declaredSize: 10,
        status: "ready",
        createdAt: clock.now(),
        expiresAt: new Date(clock.now().getTime() + DAY),
      })
      .returning();
    const before = await row(campaign.id);
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ title: "" }, "title"],
      [{ title: "很".repeat(61) }, "title"],
      [{ endsAt: inHours(-0.5) }, "endsAt", "The end must lie in the future."],
      [{ endsAt: inHours(-2) }, "endsAt", "The end must come after the start."],
      [{ endsAt: "next week" }, "endsAt"],
      [{ startsAt: inHours(1) }, "startsAt", "The campaign has started: its start can no longer change."],
      [{ coverUploadId: othersUpload!.id }, "coverUploadId", "Choose an image you have uploaded."],
      [{ coverUploadId: "not-an-id" }, "coverUploadId"],
      [{ status: "ended" }, ""],
    ];
    for (const [json, field, message] of cases) {
      const res = await api(`/campaigns/${campaign.id}`, { method: "PATCH", as: staff, json });
      expect(res.status, JSON.stringify(json)).toBe(422);
      const body = (await res.json()) as ApiError;
      if (field) expect(Object.keys(body.error.fields ?? {}), JSON.stringify(json)).toContain(field);
      if (message) expect(body.error.fields?.[field]).toEqual([message]);
    }
    expect(await row(campaign.id)).toEqual(before);

    const short = await create(staff, bounty({ endsAt: inHours(1) }));
    clock.advance(2 * HOUR);
    try {
      const late = await api(`/campaigns/${short.id}`, { method: "PATCH", as: staff, json: { title: "延期" } });
      expect(late.status).toBe(409);
      expect((await read(short.id, staff)).viewer?.canEdit).toBe(false);
    } finally {
      clock.advance(-2 * HOUR);
    }
  });

  it("cancels with a reason (owner or staff only), tells every participant once, and then takes no joins, entries or judging", async () => {
    const owner = await member(["creator"], "C2");
    const campaign = await create(owner);
    const fans = await Promise.all([member(), member(), member()]);
    const entry = await enter(fans[0]!, campaign.id);
    for (const fan of fans.slice(1)) await api(`/campaigns/${campaign.id}/participants`, { as: fan, json: {} });

    const cancel = (as: Member | null, json: Record<string, unknown> = { reason: "品牌合作取消" }) => api(`/campaigns/${campaign.id}/cancel`, { as, json });
    expect((await cancel(null)).status).toBe(401);
    expect((await cancel(fans[1]!)).status).toBe(403);
    expect((await cancel(await member(["creator"], "C3"))).status).toBe(403);
    const noReason = await cancel(owner, { reason: "  " });
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as ApiError).error.fields?.reason).toEqual(["Give a reason of 1 to 200 characters: participants will see it."]);
    expect((await cancel(owner, {})).status).toBe(422);
    expect((await row(campaign.id)).status).toBe("active");

    const done = await cancel(owner);
    expect(done.status).toBe(200);
    expect(((await done.json()) as { campaign: Campaign }).campaign).toMatchObject({ status: "cancelled", cancelReason: "品牌合作取消" });
    expect((await cancel(staff)).status).toBe(409);
    const audit = await db.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, campaign.id));
    expect(audit.find((a) => a.action === "creators.campaign.cancelled")).toMatchObject({ actorId: owner.user.id, before: { status: "active" }, after: { status: "cancelled", reason: "品牌合作取消" } });

    // Each participant hears it once, with the reason, however often the outbox delivers.
    await drainNotices();
    for (const fan of fans) {
      const inbox = await db.handle.db.select().from(notifications).where(eq(notifications.userId, fan.user.id));
      const notices = inbox.filter((n) => (n.data as { action?: string }).action === "cancelled");
      expect(notices).toHaveLength(1);
      expect((notices[0]!.data as { excerpt: string }).excerpt).toContain("品牌合作取消");
    }

    // Nothing more happens in it: no joins, no entries, no judging, no points.
    const late = await member();
    expect((await api(`/campaigns/${campaign.id}/participants`, { as: late, json: {} })).status).toBe(409);
    const note = await createNote(db.handle.db, fans[1]!.user.id, { categoryId: beauty, publishedAt: clock.now() });
    expect((await api(`/campaigns/${campaign.id}/submissions`, { as: fans[1]!, json: { postId: note.id } })).status).toBe(409);
    const judged = await api(`/campaign-submissions/${entry.id}/review`, { as: owner, json: { action: "approve" } });
    expect(judged.status).toBe(409);
    expect(((await judged.json()) as ApiError).error.message).toBe("This campaign was cancelled.");
    expect(await balanceOf(db.handle.db, userAccount(fans[0]!.user.id, "points"))).toBe(0);
    expect((await api(`/campaigns/${campaign.id}`, { method: "PATCH", as: owner, json: { title: "x" } })).status).toBe(409);
    const listed = (await (await api("/campaigns?status=cancelled")).json()) as { campaigns: Campaign[] };
    expect(listed.campaigns.map((c) => c.id)).toContain(campaign.id);

    // Staff may cancel anyone's campaign before its end.
    const another = await create(owner);
    expect((await api(`/campaigns/${another.id}/cancel`, { as: staff, json: { reason: "违反活动规范" } })).status).toBe(200);
  });

  it("refuses to cancel a campaign that has ended (409) and changes nothing", async () => {
    const campaign = await create(staff, bounty({ endsAt: inHours(1) }));
    clock.advance(2 * HOUR);
    try {
      const res = await api(`/campaigns/${campaign.id}/cancel`, { as: staff, json: { reason: "太晚了" } });
      expect(res.status).toBe(409);
      expect(((await res.json()) as ApiError).error.message).toBe("This campaign has already ended and can't be cancelled.");
      const after = await row(campaign.id);
      expect(after).toMatchObject({ status: "active", cancelledAt: null, cancelReason: null });
      expect((await read(campaign.id)).status).toBe("ended");
    } finally {
      clock.advance(-2 * HOUR);
    }
  });

  it("pays a platform top pick's cash bonus once into the member's earnings when 20 judges pick it at once, and features the note", async () => {
    const campaign = await create(staff, bounty({ topBonusCents: 8800 }));
    expect(campaign.topBonusCents).toBe(8800);
    const judges = [staff, ...(await Promise.all(Array.from({ length: 3 }, () => member(["staff"])))), await member(["admin"])];
    const writer = await member();
    const sub = await enter(writer, campaign.id);

    const picks = await Promise.all(Array.from({ length: 20 }, (_, i) => api(`/campaign-submissions/${sub.id}/review`, { as: judges[i % judges.length]!, json: { action: "topPick" } })));
    const statuses = picks.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await balanceOf(db.handle.db, userAccount(writer.user.id, "cny", "earnings"))).toBe(8800);
    expect(await balanceOf(db.handle.db, userAccount(writer.user.id, "points"))).toBe(140);
    const cash = await db.handle.db.select().from(journalEntries).where(sql`${journalEntries.idempotencyKey} like ${`cash:campaign:${campaign.id}:%`}`);
    expect(cash).toHaveLength(1);
    const [picked] = await db.handle.db.select().from(campaignSubmissions).where(eq(campaignSubmissions.id, sub.id));
    expect(picked).toMatchObject({ topPick: true, rewardedCents: 8800, rewardedPoints: 140 });
    const [note] = await db.handle.db.select({ featuredAt: posts.featuredAt }).from(posts).where(eq(posts.id, (picked as { postId: string }).postId));
    expect(note!.featuredAt).not.toBeNull();

    // The member is told about the cash and the feature, once.
    await drainNotices();
    const told = (await db.handle.db.select().from(notifications).where(eq(notifications.userId, writer.user.id))).filter((n) => (n.data as { action?: string }).action === "topPick");
    expect(told).toHaveLength(1);
    expect((told[0]!.data as { excerpt: string }).excerpt).toContain("¥88.00");

    // A second entry by the same member picked too: the second place, but the cash only once per member and campaign.
    const again = await enter(writer, campaign.id);
    expect((await api(`/campaign-submissions/${again.id}/review`, { as: staff, json: { action: "topPick" } })).status).toBe(200);
    expect(await balanceOf(db.handle.db, userAccount(writer.user.id, "cny", "earnings"))).toBe(8800);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);

    // The results: selected entries, top picks first, with the points and cash paid.
    const results = (await (await api(`/campaigns/${campaign.id}/results`)).json()) as {
      submissions: Submission[];
      cashPaidCents: number;
      pointsPaid: number;
      activity: { participants: number; submissions: number }[];
    };
    expect(results.cashPaidCents).toBe(8800);
    expect(results.submissions.every((s) => s.topPick)).toBe(true);
    expect(results.activity.reduce((n, d) => n + d.submissions, 0)).toBe(2);
    expect(results.activity.reduce((n, d) => n + d.participants, 0)).toBe(1);
  });

  it("keeps cash out of creators' campaigns: a creator offering a cash bonus gets a 422 and nothing is created", async () => {
    const creator = await member(["creator"], "C3");
    const count = async () => (await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(campaigns))[0]!.n;
    const before = await count();
    const res = await api("/campaigns", { as: creator, json: bounty({ topBonusCents: 5000 }) });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ApiError).error.fields?.topBonusCents).toEqual(["Only platform campaigns can offer cash; reward your fans with points."]);
    for (const topBonusCents of [-1, 1.5, 2_000_000]) {
      expect((await api("/campaigns", { as: staff, json: bounty({ topBonusCents }) })).status).toBe(422);
    }
    expect((await api("/campaigns", { as: staff, json: bounty({ topBonusCents: 100, topN: 0, topExtraPoints: 0 }) })).status).toBe(422);
    expect(await count()).toBe(before);
  });

  it("describes the new operations in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ids).toEqual(expect.arrayContaining(["updateCampaign", "cancelCampaign", "getCampaignResults", "listCampaigns"]));
  });
});
