import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { challengeRewardKey, getChallenge, listChallengeLeaderboard, listChallenges, listProofCandidates } from "../../server/gamification";
import { checkLedgerInvariants } from "../../server/ledger";
import { createTestContext } from "../setup/context";
import { createDemoDatabase, DEMO_DATABASE_TIMEOUT_MS, type DemoDatabase } from "../setup/demo";

/** The demo's challenges as a visitor and the demo member find them after the first start. */
describe("demo challenges", () => {
  let db: DemoDatabase;
  let ctx: ReturnType<typeof createTestContext>;

  beforeAll(async () => {
    db = await createDemoDatabase();
    ctx = createTestContext(db.handle.db, { config: db.config });
  }, DEMO_DATABASE_TIMEOUT_MS);
  afterAll(async () => {
    await db?.close();
  });

  it("has an active, an upcoming and an ended challenge, with the demo member partway through the skincare one", async () => {
    const [member] = await ctx.db.select().from(users).where(eq(users.handle, "member"));
    const all = await listChallenges(ctx, { limit: 50 }, { id: member!.id });
    // The gamification demo's four, plus any a creator's campaign runs (the fan-only check-in challenge).
    const phases = all.items.map((c) => c.phase);
    expect(phases.filter((p) => p === "active").length).toBeGreaterThanOrEqual(2);
    expect(phases).toEqual(expect.arrayContaining(["ended", "upcoming"]));

    const skin = all.items.find((c) => c.title === "21 天护肤打卡")!;
    expect(skin).toMatchObject({ phase: "active", requiredDays: 21, rewardPoints: 200 });
    expect(skin.participantCount).toBeGreaterThanOrEqual(10);
    expect(skin.me).toMatchObject({ daysDone: 8, checkedInToday: false, completedAt: null });
    const detail = await getChallenge(ctx, skin.id, { id: member!.id });
    expect(detail.myDates).toHaveLength(8);
    const board = await listChallengeLeaderboard(ctx, skin.id, { id: member!.id });
    expect(board.items.length).toBeGreaterThan(3);
    expect(board.me?.rank).toBeGreaterThanOrEqual(1);
    // No proof note of today yet: the member writes one to try the check-in.
    expect((await listProofCandidates(ctx, skin.id, member!.id)).items.filter((n) => !n.used)).toEqual([]);

    const ended = all.items.find((c) => c.phase === "ended")!;
    expect(ended.completedCount).toBeGreaterThanOrEqual(3);
    const finishers = (await listChallengeLeaderboard(ctx, ended.id, null)).items.filter((r) => r.completed);
    expect(finishers).toHaveLength(ended.completedCount);
    const { journalEntries } = await import("../../db/schema");
    for (const f of finishers) {
      const paid = await ctx.db.select().from(journalEntries).where(eq(journalEntries.idempotencyKey, challengeRewardKey(ended.id, f.user.id)));
      expect(paid).toHaveLength(1);
    }
    expect(all.items.find((c) => c.phase === "upcoming")!.participantCount).toBeGreaterThan(0);
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);
  });
});
