import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCampaignResults, getFanGroup, listCampaigns } from "../../server/creators";
import { findCurrentUser, type CurrentUser } from "../../server/identity";
import { checkLedgerInvariants } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { rowsOf } from "../../server/shared/sql-rows";
import { createTestContext } from "../setup/context";
import { createDemoDatabase, DEMO_DATABASE_TIMEOUT_MS, type DemoDatabase } from "../setup/demo";

/** The whole demo seed, then what campaigns and the demo creator's fan group show on the first start. */
describe("demo seed: campaigns in every state and the fan group are alive", () => {
  let db: DemoDatabase;
  const clock = new FixedClock("2026-11-23T02:00:00Z");
  let ctx: ReturnType<typeof createTestContext>;
  const demo: Record<string, CurrentUser> = {};

  beforeAll(async () => {
    db = await createDemoDatabase();
    ctx = createTestContext(db.handle.db, { clock, config: db.config });
    for (const handle of ["creator", "member", "staff"]) {
      const [row] = rowsOf<{ id: string }>(await ctx.db.execute(sql`select id from users where handle = ${handle}`));
      demo[handle] = (await findCurrentUser(ctx.db, row!.id))!;
    }
  }, DEMO_DATABASE_TIMEOUT_MS);
  afterAll(async () => {
    await db?.close();
  });

  it("has a platform brand bounty with judged entries and one top pick, and the creator's push, fan-only challenge and live invitation", async () => {
    const running = await listCampaigns(ctx, demo.member!, { status: "active" });
    const types = new Set(running.map((c) => `${c.ownerType}:${c.type}`));
    expect(types).toEqual(new Set(["platform:content_bounty", "creator:product_push", "creator:checkin_challenge", "creator:live_invitation"]));
    const bounty = running.find((c) => c.type === "content_bounty")!;
    expect(bounty.brandName).toBe("润百颜");
    const results = await getCampaignResults(ctx, demo.staff!, bounty.id);
    expect(results.submissions.length).toBeGreaterThanOrEqual(3);
    expect(results.winners).toHaveLength(1);
    expect(results.submissions.some((s) => s.status === "rejected" && s.reason)).toBe(true);
    expect(results.pointsPaid).toBeGreaterThan(300);
    const challenge = running.find((c) => c.type === "checkin_challenge")!;
    expect(challenge.fanGroupOnly).toBe(true);
    expect(challenge.participantCount).toBeGreaterThan(0);
    expect(running.find((c) => c.type === "live_invitation")!.liveAt).not.toBeNull();
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);
  });

  it("shows every state of a campaign: one upcoming (not joinable yet), an ended one with results and cash paid, a cancelled one with its reason", async () => {
    const [upcoming, ended, cancelled] = await Promise.all([
      listCampaigns(ctx, demo.member!, { status: "upcoming" }),
      listCampaigns(ctx, demo.member!, { status: "ended" }),
      listCampaigns(ctx, demo.member!, { status: "cancelled" }),
    ]);
    expect(upcoming).toHaveLength(1);
    expect(upcoming[0]!.viewer?.canJoin).toBe(false);
    expect(upcoming[0]!.coverUrl).not.toBeNull();

    const past = ended.find((c) => c.ownerType === "platform" && c.type === "content_bounty")!;
    expect(past).toBeDefined();
    expect(past.coverUrl).not.toBeNull();
    const results = await getCampaignResults(ctx, null, past.id);
    expect(results.submissions.length).toBeGreaterThanOrEqual(2);
    expect(results.submissions.every((s) => s.status === "approved")).toBe(true);
    expect(results.winners.length).toBeGreaterThanOrEqual(1);
    expect(results.cashPaidCents).toBe(results.winners.length * past.topBonusCents);
    expect(results.activity.some((d) => d.participants > 0)).toBe(true);

    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.ownerType).toBe("creator");
    expect(cancelled[0]!.cancelReason).toBeTruthy();
    expect(cancelled[0]!.participantCount).toBeGreaterThan(0);
  });

  it("gives the demo creator a fan group with members at several levels, the demo member among them", async () => {
    const group = await getFanGroup(ctx, demo.member!, demo.creator!.id);
    expect(group.memberCount).toBeGreaterThanOrEqual(5);
    expect(group.me).not.toBeNull();
    expect(group.levels.filter((l) => l.count > 0).length).toBeGreaterThanOrEqual(3);
  });
});
