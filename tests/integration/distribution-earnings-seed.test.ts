import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as earningsPage from "../../app/routes/me.earnings";
import type { AppLoadContext } from "@remix-run/node";
import { commissions, payouts } from "../../db/schema";
import type { DemoSeedState } from "../../db/seed/demo";
import { earningsSeedSteps } from "../../db/seed/distribution/commissions";
import { commissionsConsumers, getEarningsSummary } from "../../server/distribution";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { createJobRunner } from "../../server/jobs/runner";
import { checkLedgerInvariants } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { asRoute, routeCaller } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/** The demo's earnings step, run alone on the demo accounts it is about. */
describe("demo earnings seed", () => {
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

  it("gives the demo creator commissions in every state, a paid payout and one waiting, and the jobs change nothing of it", async () => {
    const now = clock.now();
    const creator = (await createTestUser(ctx.db, { handle: "creator", roles: ["creator"], now })).user;
    const staff = (await createTestUser(ctx.db, { handle: "staff", roles: ["staff"], now })).user;
    const member = (await createTestUser(ctx.db, { handle: "member", now })).user;
    const state: DemoSeedState = { users: { creator, staff, member } };
    await ctx.db.transaction(async (tx) => {
      for (const step of earningsSeedSteps) await step.run(tx, ctx, state);
    });

    const rows = await ctx.db.select().from(commissions).where(eq(commissions.creatorId, creator.id));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["pending", "confirmed", "paid", "reversed"]));
    expect(rows.some((r) => r.reversedCents > 0 && r.status !== "reversed")).toBe(true); // the partial refund
    const mine = await ctx.db.select().from(payouts).where(eq(payouts.ownerId, creator.id));
    expect(mine.map((p) => p.status).sort()).toEqual(["paid", "requested"]);

    const before = await getEarningsSummary(ctx, creator);
    expect(before.pendingCents).toBeGreaterThan(0);
    expect(before.paidCents).toBeGreaterThanOrEqual(5_000);
    expect(before.inPayoutCents).toBeGreaterThanOrEqual(5_000);
    expect(before.chart.filter((d) => d.earnedCents > 0).length).toBeGreaterThanOrEqual(5);

    // The first start's jobs deliver the same events again: nothing doubles.
    await createJobRunner({ db: ctx.db, logger: createLogger({ level: "silent" }), clock, consumers: commissionsConsumers, context: { config: ctx.config, realtime: ctx.realtime } }).drain();
    expect(await getEarningsSummary(ctx, creator)).toEqual(before);
    expect((await checkLedgerInvariants(ctx.db)).ok).toBe(true);

    const session = await createSession(ctx.db, { userId: creator.id, now });
    const context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    const page = await (await routeCaller(context).get(asRoute(earningsPage), "/me/earnings", sessionCookie(ctx, session).split(";")[0]!)).json();
    expect(page.page.items.length).toBeGreaterThanOrEqual(8);
    expect(page.payouts).toHaveLength(2);
  });
});
