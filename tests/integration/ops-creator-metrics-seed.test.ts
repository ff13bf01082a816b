import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/identity";
import { getCreatorMetrics, getPlatformMetrics, listCreatorMetrics } from "../../server/ops";
import { FixedClock } from "../../server/shared/clock";
import { rowsOf } from "../../server/shared/sql-rows";
import { createTestContext } from "../setup/context";
import { createDemoDatabase, DEMO_DATABASE_TIMEOUT_MS, type DemoDatabase } from "../setup/demo";

/** The whole demo seed, then what /ops/creators shows on the first start. */
describe("demo seed: the creator board has the demo creators' sales", () => {
  let db: DemoDatabase;
  const clock = new FixedClock("2026-11-23T02:00:00Z");
  let ctx: ReturnType<typeof createTestContext>;
  let staff: CurrentUser;

  beforeAll(async () => {
    db = await createDemoDatabase();
    ctx = createTestContext(db.handle.db, { clock, config: db.config });
    const [row] = rowsOf<{ id: string }>(await ctx.db.execute(sql`select id from users where handle = 'staff'`));
    staff = { id: row!.id, roles: ["staff"] } as unknown as CurrentUser;
  }, DEMO_DATABASE_TIMEOUT_MS);
  afterAll(async () => {
    await db?.close();
  });

  it("the demo creator sold through their links in the last 30 days, and the creators add up to the dashboard", async () => {
    const board = await listCreatorMetrics(ctx, staff, { limit: 100 });
    const platform = await getPlatformMetrics(ctx, staff, {});
    const demo = board.items.find((c) => c.handle === "creator");
    expect(demo).toMatchObject({ gmvCents: expect.any(Number), orders: expect.any(Number) });
    expect(demo!.gmvCents).toBeGreaterThan(0);
    expect(demo!.clicks).toBeGreaterThan(0);
    expect(board.items.reduce((s, c) => s + c.gmvCents, 0)).toBe(platform.totals.linkGmvCents);
    const series = await getCreatorMetrics(ctx, staff, demo!.creatorId, {});
    expect(series.totals).toEqual({ gmvCents: demo!.gmvCents, orders: demo!.orders, commissionCents: demo!.commissionCents, newBuyers: demo!.newBuyers, clicks: demo!.clicks, conversionBp: demo!.conversionBp });
    expect(series.days.filter((d) => d.gmvCents > 0).length).toBeGreaterThan(0);
  });
});
