import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distributionRights, distributionRightsHistory, fraudFlags, membershipPlans } from "../../db/schema";
import { membershipSeedSteps } from "../../db/seed/commerce/membership";
import type { DemoSeedState } from "../../db/seed/demo";
import { rightsSeedSteps } from "../../db/seed/distribution/rights";
import { activeMembershipAt } from "../../server/commerce/membership";
import { isFlagged } from "../../server/distribution/fraud";
import { balanceOf, checkLedgerInvariants, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/** The demo's membership and rights steps, run alone on the demo accounts they are about. */
describe("demo membership and distribution-rights seed", () => {
  let db: TestDatabase;
  const clock = new FixedClock("2026-11-23T02:00:00Z");
  let ctx: ReturnType<typeof createTestContext>;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db, { clock });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("puts three plans on sale, the member on the quarterly card with rights, creators and staff on their paths, and one open flag", async () => {
    const now = clock.now();
    const member = (await createTestUser(ctx.db, { handle: "member", now })).user;
    const creator = (await createTestUser(ctx.db, { handle: "creator", roles: ["creator"], now })).user;
    const other = (await createTestUser(ctx.db, { handle: "lin_xiaoman", roles: ["creator"], now })).user;
    const staff = (await createTestUser(ctx.db, { handle: "staff", roles: ["staff"], now })).user;
    const state: DemoSeedState = { users: { member, creator, staff } };
    await ctx.db.transaction(async (tx) => {
      for (const step of [...membershipSeedSteps, ...rightsSeedSteps]) await step.run(tx, ctx, state);
    });

    const plans = await ctx.db.select().from(membershipPlans).orderBy(membershipPlans.position);
    expect(plans.map((p) => [p.nameZh, p.active, p.benefits.distributionRights])).toEqual([
      ["月卡", "active", false],
      ["季卡", "active", true],
      ["年卡", "active", true],
    ]);
    expect((await activeMembershipAt(ctx.db, member.id, now))?.nameZh).toBe("季卡");
    expect(await balanceOf(ctx.db, userAccount(member.id, "points"))).toBe(200);

    const paths = new Map((await ctx.db.select().from(distributionRights)).map((r) => [r.userId, r.path]));
    expect([paths.get(member.id), paths.get(creator.id), paths.get(other.id), paths.get(staff.id)]).toEqual(["membership", "creator", "creator", "staff"]);
    expect((await ctx.db.select().from(distributionRightsHistory).where(eq(distributionRightsHistory.userId, member.id))).map((h) => h.reason)).toEqual(["seed"]);

    const flags = await ctx.db.select().from(fraudFlags);
    expect(flags.map((f) => [f.userId, f.kind])).toEqual([[other.id, "refund_rate"]]);
    expect(await isFlagged(ctx.db, creator.id)).toBe(false);
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);
  });
});
