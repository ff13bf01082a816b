import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, notifications, campaigns, campaignSubmissions, challenges, creatorTiers, journalEntries, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { brandDisclosures, campaignBonusRateBp } from "../../server/creators";
import { campaignsConsumers } from "../../server/creators/campaigns/consumers";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import { balanceOf, checkLedgerInvariants, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createTestProduct } from "../factories/distribution-links";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { createNote, ensureCategory } from "./feeds-fixtures";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };
type Campaign = { id: string; ownerType: string; status: string; challengeId: string | null; participantCount: number; submissionCount: number };
type Submission = { id: string; status: string; topPick: boolean; rewardedPoints: number; reason: string | null };

describe("/api/v1 campaigns: who may run them, joining, submission rules, judging that pays once", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  let staff: Member;
  let staff2: Member;
  let admin: Member;
  let beauty: string;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock, env: { DATABASE_POOL_SIZE: "12" } });
    staff = await member(["staff"]);
    staff2 = await member(["staff"]);
    admin = await member(["admin"]);
    beauty = await ensureCategory(db.handle.db, "beauty", "美妆");
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function member(roles: Role[] = [], tier?: "C1" | "C2" | "C3"): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("cp") });
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

  const inHours = (h: number) => new Date(clock.now().getTime() + h * 3_600_000).toISOString();
  const bounty = (fields: Record<string, unknown> = {}) => ({
    type: "content_bounty",
    title: "秋冬护肤好物征集",
    brief: "分享你的秋冬护肤心得",
    categorySlug: "beauty",
    startsAt: inHours(-1),
    endsAt: inHours(24 * 14),
    rewardPoints: 50,
    topExtraPoints: 200,
    topN: 1,
    ...fields,
  });

  async function create(who: Member, body: Record<string, unknown> = bounty()): Promise<Campaign> {
    const res = await api("/campaigns", { as: who, json: body });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { campaign: Campaign }).campaign;
  }

  async function enter(who: Member, campaignId: string, postId?: string): Promise<Submission> {
    await api(`/campaigns/${campaignId}/participants`, { as: who, json: {} });
    const id = postId ?? (await createNote(db.handle.db, who.user.id, { categoryId: beauty, publishedAt: clock.now() })).id;
    const res = await api(`/campaigns/${campaignId}/submissions`, { as: who, json: { postId: id } });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { submission: Submission }).submission;
  }

  const countCampaigns = async () => Number((await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(campaigns))[0]!.n);

  it("lets staff, admins and creators from C2 start campaigns; visitors, members, MCN admins and C1 creators cannot", async () => {
    const before = await countCampaigns();
    expect((await api("/campaigns", { json: bounty() })).status).toBe(401);
    for (const who of [await member(), await member(["mcn_admin"]), await member(["creator"], "C1")]) {
      const res = await api("/campaigns", { as: who, json: bounty() });
      expect(res.status).toBe(403);
    }
    const c1 = await api("/campaigns", { as: await member(["creator"], "C1"), json: bounty() });
    expect(((await c1.json()) as ApiError).error.message).toBe("Creators from tier C2 up can run campaigns.");
    expect(await countCampaigns()).toBe(before);

    expect((await create(staff)).ownerType).toBe("platform");
    expect((await create(admin)).ownerType).toBe("platform");
    expect((await create(await member(["creator"], "C2"))).ownerType).toBe("creator");
    // Not rated yet by the daily run: an approved creator counts as C2.
    expect((await create(await member(["creator"]))).ownerType).toBe("creator");
    expect(await countCampaigns()).toBe(before + 4);
  });

  it("answers bad input with 422 and field messages, and creates nothing", async () => {
    const creator = await member(["creator"], "C3");
    const product = await createTestProduct(db.handle.db);
    const cases: [Record<string, unknown>, string][] = [
      [{ type: "quiz" }, "type"],
      [{ title: "" }, "title"],
      [{ endsAt: inHours(-2) }, "endsAt"],
      [{ startsAt: "tomorrow" }, "startsAt"],
      [{ rewardPoints: -5 }, "rewardPoints"],
      [{ rewardPoints: 1.5 }, "rewardPoints"],
      [{ categorySlug: "no-such-category" }, "categorySlug"],
      [{ type: "product_push", productIds: [product.id], bonusRateBp: 0 }, "bonusRateBp"],
      [{ type: "product_push", productIds: ["7d1c6a2e-0000-4000-8000-000000000000"], bonusRateBp: 500 }, "productIds"],
      [{ type: "live_invitation" }, "liveAt"],
      [{ type: "checkin_challenge" }, "requiredDays"],
      [{ type: "checkin_challenge", requiredDays: 30, endsAt: inHours(24 * 3) }, "requiredDays"],
      [{ unexpected: true }, "_"],
    ];
    const before = await countCampaigns();
    const challengesBefore = (await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(challenges))[0]!.n;
    for (const [fields, field] of cases) {
      const res = await api("/campaigns", { as: creator, json: bounty(fields) });
      expect(res.status, JSON.stringify(fields)).toBe(422);
      const body = (await res.json()) as ApiError;
      expect(Object.keys(body.error.fields ?? {}).join(","), JSON.stringify(fields)).toContain(field === "_" ? "" : field);
    }
    const platformFans = await api("/campaigns", { as: staff, json: bounty({ fanGroupOnly: true }) });
    expect(platformFans.status).toBe(422);
    expect(((await platformFans.json()) as ApiError).error.fields?.fanGroupOnly).toEqual(["Only a creator's campaign can be for fans only."]);
    expect(await countCampaigns()).toBe(before);
    expect((await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(challenges))[0]!.n).toBe(challengesBefore);
  });

  it("joins once however many times a member races to join", async () => {
    const campaign = await create(staff);
    const fan = await member();
    const responses = await Promise.all(Array.from({ length: 20 }, () => api(`/campaigns/${campaign.id}/participants`, { as: fan, json: {} })));
    expect(responses.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { created: boolean; campaign: Campaign }[];
    expect(bodies.filter((b) => b.created)).toHaveLength(1);
    const [row] = await db.handle.db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(row!.participantCount).toBe(1);
    expect((await api(`/campaigns/${campaign.id}/participants`, { json: {} })).status).toBe(401);
    // Listed as running with the member's state; not among the ended ones; a bad filter is a 422.
    const running = (await (await api("/campaigns?status=active", { as: fan })).json()) as { campaigns: (Campaign & { viewer: { joined: boolean } })[] };
    expect(running.campaigns.find((c) => c.id === campaign.id)?.viewer.joined).toBe(true);
    const ended = (await (await api("/campaigns?status=ended")).json()) as { campaigns: Campaign[] };
    expect(ended.campaigns.map((c) => c.id)).not.toContain(campaign.id);
    expect((await api("/campaigns?status=someday")).status).toBe(422);
    expect((await api(`/campaigns/00000000-0000-4000-8000-000000000000/participants`, { as: fan, json: {} })).status).toBe(404);
  });

  it("takes only the member's own notes published after the start, in the campaign's category (422 otherwise, nothing written)", async () => {
    const campaign = await create(staff);
    const writer = await member();
    const other = await member();
    await api(`/campaigns/${campaign.id}/participants`, { as: writer, json: {} });
    const othersNote = await createNote(db.handle.db, other.user.id, { categoryId: beauty, publishedAt: clock.now() });
    const oldNote = await createNote(db.handle.db, writer.user.id, { categoryId: beauty, publishedAt: new Date(clock.now().getTime() - 3 * 3_600_000) });
    const wrongCategory = await createNote(db.handle.db, writer.user.id, { categoryId: await ensureCategory(db.handle.db, "food", "美食"), publishedAt: clock.now() });
    const draft = await createNote(db.handle.db, writer.user.id, { categoryId: beauty, status: "draft" });
    const expectations: [string, string][] = [
      [othersNote.id, "Choose one of your own notes."],
      [oldNote.id, "Choose a note published after the campaign started."],
      [wrongCategory.id, "Choose a note in the campaign's category."],
      [draft.id, "Choose a published note."],
    ];
    for (const [postId, message] of expectations) {
      const res = await api(`/campaigns/${campaign.id}/submissions`, { as: writer, json: { postId } });
      expect(res.status).toBe(422);
      expect(((await res.json()) as ApiError).error.fields?.postId).toEqual([message]);
    }
    expect((await api(`/campaigns/${campaign.id}/submissions`, { as: writer, json: { postId: "nope" } })).status).toBe(422);
    const [row] = await db.handle.db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(row!.submissionCount).toBe(0);
    expect(await db.handle.db.select().from(campaignSubmissions).where(eq(campaignSubmissions.campaignId, campaign.id))).toHaveLength(0);

    // Not joined: 409; the right note: accepted once.
    const good = await createNote(db.handle.db, writer.user.id, { categoryId: beauty, publishedAt: clock.now() });
    expect((await api(`/campaigns/${campaign.id}/submissions`, { as: other, json: { postId: othersNote.id } })).status).toBe(409);
    expect((await api(`/campaigns/${campaign.id}/submissions`, { as: writer, json: { postId: good.id } })).status).toBe(201);
    expect((await api(`/campaigns/${campaign.id}/submissions`, { as: writer, json: { postId: good.id } })).status).toBe(409);
  });

  it("pays the reward once when many judges approve at the same moment, and the top extra to exactly N picks", async () => {
    const campaign = await create(staff, bounty({ topN: 2 }));
    const writers = await Promise.all(Array.from({ length: 4 }, () => member()));
    const subs: Submission[] = [];
    for (const w of writers) subs.push(await enter(w, campaign.id));

    const approvals = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api(`/campaign-submissions/${subs[0]!.id}/review`, { as: i % 2 ? staff : staff2, json: { action: "approve" } })),
    );
    const statuses = approvals.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    expect(await balanceOf(db.handle.db, userAccount(writers[0]!.user.id, "points"))).toBe(50);

    // Four judges race to pick four entries as top picks of a top 2: two win 50 + 200, the rest stay as they were.
    const picks = await Promise.all(subs.map((s, i) => api(`/campaign-submissions/${s.id}/review`, { as: i % 2 ? staff : admin, json: { action: "topPick" } })));
    expect(picks.map((r) => r.status).filter((s) => s === 200)).toHaveLength(2);
    expect(picks.map((r) => r.status).filter((s) => s === 409)).toHaveLength(2);
    const rows = await db.handle.db.select().from(campaignSubmissions).where(eq(campaignSubmissions.campaignId, campaign.id));
    expect(rows.filter((r) => r.topPick)).toHaveLength(2);
    let total = 0;
    for (const w of writers) total += await balanceOf(db.handle.db, userAccount(w.user.id, "points"));
    const winners = rows.filter((r) => r.topPick).length;
    const plainApproved = rows.filter((r) => r.status === "approved" && !r.topPick).length;
    expect(total).toBe(winners * 250 + plainApproved * 50);
    const entries = await db.handle.db.select().from(journalEntries).where(sql`${journalEntries.idempotencyKey} like ${`points:campaign:${campaign.id}:%`}`);
    expect(entries).toHaveLength(winners * 2 + plainApproved);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);

    // The results page: winners and submissions per day; a visitor sees approved entries only.
    const results = (await (await api(`/campaigns/${campaign.id}/results`)).json()) as { winners: unknown[]; submissions: Submission[]; perDay: { count: number }[]; pointsPaid: number };
    expect(results.winners).toHaveLength(2);
    expect(results.submissions.every((s) => s.status === "approved")).toBe(true);
    expect(results.perDay.reduce((n, d) => n + d.count, 0)).toBe(4);
    expect(results.pointsPaid).toBe(total);
  });

  it("lets the running creator and staff judge, nobody else, and nobody their own entry; a rejection needs a reason", async () => {
    const creator = await member(["creator"], "C2");
    const campaign = await create(creator);
    const fan = await member();
    const sub = await enter(fan, campaign.id);
    for (const who of [fan, await member(), await member(["creator"], "C3"), await member(["mcn_admin"])]) {
      expect((await api(`/campaign-submissions/${sub.id}/review`, { as: who, json: { action: "reject", reason: "跑题" } })).status).toBe(403);
    }
    expect((await api(`/campaign-submissions/${sub.id}/review`, { json: { action: "approve" } })).status).toBe(401);
    const noReason = await api(`/campaign-submissions/${sub.id}/review`, { as: creator, json: { action: "reject" } });
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as ApiError).error.fields?.reason).toBeDefined();
    const rejected = await api(`/campaign-submissions/${sub.id}/review`, { as: creator, json: { action: "reject", reason: "与主题无关" } });
    expect(rejected.status).toBe(200);
    expect(((await rejected.json()) as { submission: Submission }).submission).toMatchObject({ status: "rejected", reason: "与主题无关", rewardedPoints: 0 });
    expect(await balanceOf(db.handle.db, userAccount(fan.user.id, "points"))).toBe(0);
    const audit = await db.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, sub.id));
    expect(audit.map((a) => a.action)).toEqual(["creators.campaign.submission.reject"]);
    // The member hears why, once, however often the outbox delivers.
    const runner = createJobRunner({ db: db.handle.db, logger: server.ctx.logger, clock, consumers: campaignsConsumers, context: { config: server.ctx.config, realtime: server.ctx.realtime } });
    await runner.drain();
    await runner.drain();
    const inbox = await db.handle.db.select().from(notifications).where(eq(notifications.userId, fan.user.id));
    expect(inbox).toHaveLength(1);
    expect((inbox[0]!.data as { excerpt: string }).excerpt).toContain("与主题无关");

    // A staff member who entered a platform campaign can't approve themselves.
    const platform = await create(staff);
    const own = await enter(staff2, platform.id);
    expect((await api(`/campaign-submissions/${own.id}/review`, { as: staff2, json: { action: "approve" } })).status).toBe(403);
    expect((await api(`/campaign-submissions/${own.id}/review`, { as: staff, json: { action: "approve" } })).status).toBe(200);
  });

  it("adds a product push's bonus rate only within its window, for the products and creators it covers", async () => {
    const product = await createTestProduct(db.handle.db);
    const other = await createTestProduct(db.handle.db);
    const creator = await member(["creator"], "C2");
    const elsewhere = await member(["creator"], "C2");
    await create(creator, { type: "product_push", title: "双十二面霜推广", startsAt: inHours(1), endsAt: inHours(49), productIds: [product.id], bonusRateBp: 500 });
    await create(staff, { type: "product_push", title: "平台推广", startsAt: inHours(1), endsAt: inHours(25), productIds: [product.id], bonusRateBp: 300 });
    const at = (h: number) => new Date(clock.now().getTime() + h * 3_600_000);
    expect(await campaignBonusRateBp(db.handle.db, product.id, creator.user.id, at(0))).toBe(0);
    expect(await campaignBonusRateBp(db.handle.db, product.id, creator.user.id, at(2))).toBe(500);
    expect(await campaignBonusRateBp(db.handle.db, product.id, elsewhere.user.id, at(2))).toBe(300);
    expect(await campaignBonusRateBp(db.handle.db, product.id, elsewhere.user.id, at(30))).toBe(0);
    expect(await campaignBonusRateBp(db.handle.db, product.id, creator.user.id, at(30))).toBe(500);
    expect(await campaignBonusRateBp(db.handle.db, other.id, creator.user.id, at(2))).toBe(0);
  });

  it("labels notes entered in a brand campaign with the brand (合作), and a rejected one no longer", async () => {
    const campaign = await create(staff, bounty({ brandName: "润百颜" }));
    const writer = await member();
    const a = await enter(writer, campaign.id);
    const b = await enter(writer, campaign.id);
    await api(`/campaign-submissions/${b.id}/review`, { as: staff, json: { action: "reject", reason: "画质太差" } });
    const plain = await createNote(db.handle.db, writer.user.id);
    const labels = await brandDisclosures(db.handle.db, [await postOf(a.id), await postOf(b.id), plain.id]);
    expect([...labels.values()]).toEqual(["润百颜"]);
    expect(labels.has(await postOf(a.id))).toBe(true);
  });

  const postOf = async (submissionId: string) => (await db.handle.db.select().from(campaignSubmissions).where(eq(campaignSubmissions.id, submissionId)))[0]!.postId;

  it("runs a creator's check-in challenge campaign on a challenge the creator owns, joined together with the campaign", async () => {
    const creator = await member(["creator"], "C2");
    const campaign = await create(creator, { type: "checkin_challenge", title: "21 天早起打卡", startsAt: inHours(-1), endsAt: inHours(24 * 21), requiredDays: 14, rewardPoints: 30 });
    expect(campaign.challengeId).not.toBeNull();
    const [challenge] = await db.handle.db.select().from(challenges).where(eq(challenges.id, campaign.challengeId!));
    expect(challenge).toMatchObject({ createdBy: creator.user.id, requiredDays: 14, fanGroupOnly: false });
    const joiner = await member();
    expect((await api(`/campaigns/${campaign.id}/participants`, { as: joiner, json: {} })).status).toBe(200);
    const [after] = await db.handle.db.select().from(challenges).where(eq(challenges.id, campaign.challengeId!));
    expect(after!.participantCount).toBe(1);
  });
});
