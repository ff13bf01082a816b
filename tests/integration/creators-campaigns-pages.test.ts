import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as campaignPage from "../../app/routes/campaigns.$campaignId";
import * as editCampaignPage from "../../app/routes/campaigns.$campaignId_.edit";
import * as resultsPage from "../../app/routes/campaigns.$campaignId_.results";
import * as campaignsPage from "../../app/routes/campaigns._index";
import * as newCampaignPage from "../../app/routes/campaigns.new";
import * as notePage from "../../app/routes/n.$id";
import * as opsCampaignsPage from "../../app/routes/ops.campaigns";
import * as fansPage from "../../app/routes/u.$handle_.fans";
import { campaigns, campaignSubmissions, fanGroupMembers, type Role } from "../../db/schema";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createNote, ensureCategory } from "./feeds-fixtures";

/** The campaign and fan group pages as a browser without JavaScript reaches them: plain GETs and form posts. */
describe("campaign and fan group pages", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    await ensureCategory(ctx.db, "beauty", "美妆");
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
  const local = (offsetHours: number) => {
    // datetime-local in Beijing time, as the form sends it.
    const d = new Date(ctx.clock.now().getTime() + offsetHours * 3_600_000 + 8 * 3_600_000);
    return d.toISOString().slice(0, 16);
  };

  it("walks a bounty from the staff form to a member's entry, a rejection with a reason and the results", async () => {
    const staff = await account(["staff"]);
    const writer = await account();
    // The form refuses a window that ends before it starts, next to the field, and creates nothing.
    const bad = await post(asRoute(newCampaignPage), "/campaigns/new", staff.cookie, { type: "content_bounty", title: "冬季护手霜测评", startsAt: local(2), endsAt: local(1), rewardPoints: "30" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { failure: { fields: Record<string, string[]> } }).failure.fields.endsAt).toEqual(["结束时间必须晚于开始时间。"]);
    expect(await ctx.db.select().from(campaigns)).toHaveLength(0);

    const created = await post(asRoute(newCampaignPage), "/campaigns/new", staff.cookie, {
      type: "content_bounty",
      title: "冬季护手霜测评",
      brief: "写下你的护手霜心得",
      categorySlug: "beauty",
      startsAt: local(-1),
      endsAt: local(24 * 7),
      rewardPoints: "30",
      brandName: "护手日记",
    });
    expect(created.status).toBe(302);
    const id = created.headers.get("location")!.split("/").pop()!;

    const list = (await (await get(asRoute(campaignsPage), "/campaigns", writer.cookie)).json()) as { campaigns: { id: string }[]; canCreate: boolean };
    expect(list.campaigns.map((c) => c.id)).toContain(id);
    expect(list.canCreate).toBe(false);

    expect((await post(asRoute(campaignPage), `/campaigns/${id}`, writer.cookie, { intent: "join" }, { campaignId: id })).status).toBe(200);
    const note = await createNote(ctx.db, writer.user.id, { categoryId: await ensureCategory(ctx.db, "beauty"), publishedAt: ctx.clock.now() });
    const page = (await (await get(asRoute(campaignPage), `/campaigns/${id}`, writer.cookie, { campaignId: id })).json()) as { notes: { id: string }[] };
    expect(page.notes.map((n) => n.id)).toEqual([note.id]);
    expect((await post(asRoute(campaignPage), `/campaigns/${id}`, writer.cookie, { intent: "submit", postId: note.id }, { campaignId: id })).status).toBe(200);

    // The note page and its card carry the brand's 合作 label.
    const noteData = (await (await get(asRoute(notePage), `/n/${note.id}`, writer.cookie, { id: note.id })).json()) as { disclosure: string | null };
    expect(noteData.disclosure).toBe("护手日记");

    // The member can't reach the review queue; staff reject there with a reason.
    expect((await thrown(get(asRoute(opsCampaignsPage), "/ops/campaigns", writer.cookie))).status).toBe(403);
    const queue = (await (await get(asRoute(opsCampaignsPage), "/ops/campaigns", staff.cookie)).json()) as { groups: { pending: { id: string }[] }[] };
    const subId = queue.groups[0]!.pending[0]!.id;
    const noReason = await post(asRoute(opsCampaignsPage), "/ops/campaigns", staff.cookie, { submissionId: subId, intent: "reject" });
    expect(noReason.status).toBe(422);
    expect((await post(asRoute(opsCampaignsPage), "/ops/campaigns", staff.cookie, { submissionId: subId, intent: "reject", reason: "字数太少" })).status).toBe(200);
    const [sub] = await ctx.db.select().from(campaignSubmissions).where(eq(campaignSubmissions.id, subId));
    expect(sub).toMatchObject({ status: "rejected", reason: "字数太少" });

    const results = (await (await get(asRoute(campaignPage), `/campaigns/${id}`, undefined, { campaignId: id })).json()) as { results: { perDay: { count: number }[]; submissions: unknown[] } };
    expect(results.results.perDay.reduce((n, d) => n + d.count, 0)).toBe(1);
    // A visitor sees approved entries only.
    expect(results.results.submissions).toHaveLength(0);
  });

  it("filters the list by state, edits and cancels from the pages (runner only), and shows the results page to visitors", async () => {
    const staff = await account(["staff"]);
    const member = await account();
    const later = await post(asRoute(newCampaignPage), "/campaigns/new", staff.cookie, {
      type: "content_bounty",
      title: "新年好物预告",
      startsAt: local(48),
      endsAt: local(24 * 10),
      rewardPoints: "20",
      topN: "1",
      topExtraPoints: "100",
      topBonusYuan: "66.6",
    });
    expect(later.status).toBe(302);
    const id = later.headers.get("location")!.split("/").pop()!;
    const [row] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, id));
    expect(row!.topBonusCents).toBe(6660);

    type ListData = { campaigns: { id: string; status: string }[]; status: string | null };
    const upcoming = (await (await get(asRoute(campaignsPage), "/campaigns?status=upcoming", member.cookie)).json()) as ListData;
    expect(upcoming.status).toBe("upcoming");
    expect(upcoming.campaigns.map((c) => [c.id, c.status])).toContainEqual([id, "upcoming"]);
    const running = (await (await get(asRoute(campaignsPage), "/campaigns?status=active", member.cookie)).json()) as ListData;
    expect(running.campaigns.map((c) => c.id)).not.toContain(id);
    const junk = (await (await get(asRoute(campaignsPage), "/campaigns?status=someday", member.cookie)).json()) as ListData;
    expect(junk.status).toBeNull();

    // The edit page: 403 for a member; staff's bad end date comes back next to the field; a good edit saves.
    expect((await thrown(get(asRoute(editCampaignPage), `/campaigns/${id}/edit`, member.cookie, { campaignId: id }))).status).toBe(403);
    const bad = await post(asRoute(editCampaignPage), `/campaigns/${id}/edit`, staff.cookie, { title: "新年好物预告", startsAt: local(48), endsAt: local(24) }, { campaignId: id });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { failure: { fields: Record<string, string[]> } }).failure.fields.endsAt).toEqual(["结束时间必须晚于开始时间。"]);
    const saved = await post(asRoute(editCampaignPage), `/campaigns/${id}/edit`, staff.cookie, { title: "新年好物征集", brief: "元旦开始", startsAt: local(48), endsAt: local(24 * 12) }, { campaignId: id });
    expect(saved.status).toBe(302);
    const [edited] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, id));
    expect(edited).toMatchObject({ title: "新年好物征集", brief: "元旦开始" });

    // Cancelling from the campaign page: a member can't; staff need a reason; then the page says why.
    expect((await post(asRoute(campaignPage), `/campaigns/${id}`, member.cookie, { intent: "cancel", cancelReason: "不想办了" }, { campaignId: id })).status).toBe(403);
    expect((await post(asRoute(campaignPage), `/campaigns/${id}`, staff.cookie, { intent: "cancel", cancelReason: "" }, { campaignId: id })).status).toBe(422);
    expect((await post(asRoute(campaignPage), `/campaigns/${id}`, staff.cookie, { intent: "cancel", cancelReason: "档期冲突，改期再办" }, { campaignId: id })).status).toBe(200);
    const page = (await (await get(asRoute(campaignPage), `/campaigns/${id}`, undefined, { campaignId: id })).json()) as { results: { campaign: { status: string; cancelReason: string } } };
    expect(page.results.campaign).toMatchObject({ status: "cancelled", cancelReason: "档期冲突，改期再办" });

    // The results page answers visitors, with the counts and a day-by-day series.
    const results = (await (await get(asRoute(resultsPage), `/campaigns/${id}/results`, undefined, { campaignId: id })).json()) as { approved: unknown[]; activity: unknown[] };
    expect(results.approved).toEqual([]);
    expect(Array.isArray(results.activity)).toBe(true);
    expect((await thrown(get(asRoute(resultsPage), "/campaigns/nope/results", undefined, { campaignId: "nope" }))).status).toBe(404);

    // Entries of a cancelled campaign leave the review queue: they can no longer be judged.
    const another = await post(asRoute(newCampaignPage), "/campaigns/new", staff.cookie, { type: "content_bounty", title: "临时征集", startsAt: local(-1), endsAt: local(24), rewardPoints: "10" });
    const runningId = another.headers.get("location")!.split("/").pop()!;
    expect((await post(asRoute(campaignPage), `/campaigns/${runningId}`, member.cookie, { intent: "join" }, { campaignId: runningId })).status).toBe(200);
    const entry = await createNote(ctx.db, member.user.id, { publishedAt: ctx.clock.now() });
    expect((await post(asRoute(campaignPage), `/campaigns/${runningId}`, member.cookie, { intent: "submit", postId: entry.id }, { campaignId: runningId })).status).toBe(200);
    type Queue = { groups: { campaign: { id: string } }[]; upcoming: { id: string }[] };
    const before = (await (await get(asRoute(opsCampaignsPage), "/ops/campaigns", staff.cookie)).json()) as Queue;
    expect(before.groups.map((g) => g.campaign.id)).toContain(runningId);
    await post(asRoute(campaignPage), `/campaigns/${runningId}`, staff.cookie, { intent: "cancel", cancelReason: "重复发布" }, { campaignId: runningId });
    const after = (await (await get(asRoute(opsCampaignsPage), "/ops/campaigns", staff.cookie)).json()) as Queue;
    expect(after.groups.map((g) => g.campaign.id)).not.toContain(runningId);
  });

  it("lets a member join and leave a creator's fan group from the fan page, which shows the members by level", async () => {
    const creator = await account(["creator"]);
    const fan = await account();
    const handle = creator.user.handle;
    const before = (await (await get(asRoute(fansPage), `/u/${handle}/fans`, fan.cookie, { handle })).json()) as { group: { memberCount: number; me: unknown } };
    expect(before.group).toMatchObject({ memberCount: 0, me: null });
    expect((await post(asRoute(fansPage), `/u/${handle}/fans`, fan.cookie, { intent: "join" }, { handle })).status).toBe(200);
    const after = (await (await get(asRoute(fansPage), `/u/${handle}/fans`, fan.cookie, { handle })).json()) as { group: { memberCount: number; me: { level: number }; levels: { count: number }[] } };
    expect(after.group.memberCount).toBe(1);
    expect(after.group.me.level).toBe(1);
    expect(after.group.levels[0]!.count).toBe(1);
    expect((await post(asRoute(fansPage), `/u/${handle}/fans`, fan.cookie, { intent: "leave" }, { handle })).status).toBe(200);
    expect(await ctx.db.select().from(fanGroupMembers).where(eq(fanGroupMembers.creatorId, creator.user.id))).toHaveLength(0);
    // Not a creator: no fan page.
    const plain = await account();
    expect((await thrown(get(asRoute(fansPage), `/u/${plain.user.handle}/fans`, fan.cookie, { handle: plain.user.handle }))).status).toBe(404);
  });
});
