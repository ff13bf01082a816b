import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMcnRoster, getMyCreatorTier, getMyMcn, listMyMcnInvitations } from "../../server/creators";
import { findCurrentUser, type CurrentUser } from "../../server/identity";
import { checkLedgerInvariants } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { rowsOf } from "../../server/shared/sql-rows";
import { createTestContext } from "../setup/context";
import { createDemoDatabase, DEMO_DATABASE_TIMEOUT_MS, type DemoDatabase } from "../setup/demo";

/** The whole demo seed, then what the MCN admin and the demo creator see on the first start. */
describe("demo seed: the MCN and creator tiers are alive", () => {
  let db: DemoDatabase;
  const clock = new FixedClock("2026-11-23T02:00:00Z");
  let ctx: ReturnType<typeof createTestContext>;
  const demo: Record<string, CurrentUser> = {};

  beforeAll(async () => {
    db = await createDemoDatabase();
    ctx = createTestContext(db.handle.db, { clock, config: db.config });
    for (const handle of ["mcn", "creator"]) {
      const [row] = rowsOf<{ id: string }>(await ctx.db.execute(sql`select id from users where handle = ${handle}`));
      demo[handle] = (await findCurrentUser(ctx.db, row!.id))!;
    }
  }, DEMO_DATABASE_TIMEOUT_MS);
  afterAll(async () => {
    await db?.close();
  });

  it("the mcn account's roster has signed creators with GMV and commission, a pending invitation and its share earned", async () => {
    const mine = await getMyMcn(ctx, demo.mcn!);
    expect(mine?.name).toBe("星芽传媒");
    const roster = await getMcnRoster(ctx, demo.mcn!, mine!.id);
    expect(roster.rows.length).toBeGreaterThanOrEqual(2);
    const creatorRow = roster.rows.find((r) => r.contract.creator.handle === "creator");
    expect(creatorRow).toBeDefined();
    expect(creatorRow!.gmvCents).toBeGreaterThan(0);
    expect(creatorRow!.mcnShareCents).toBeGreaterThan(0);
    expect(roster.invitations).toHaveLength(1);
    expect(roster.pendingCents + roster.earningsCents).toBeGreaterThan(0);
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);
  });

  it("the demo creator has a contract and a computed tier with its history", async () => {
    const { contracts } = await listMyMcnInvitations(ctx, demo.creator!);
    expect(contracts.map((c) => [c.mcn.name, c.status])).toEqual([["星芽传媒", "active"]]);
    const tier = await getMyCreatorTier(ctx, demo.creator!);
    expect(tier.since).not.toBeNull();
    expect(tier.history.length).toBeGreaterThan(0);
    expect(tier.stats.gmv30dCents).toBeGreaterThan(0);
  });
});
