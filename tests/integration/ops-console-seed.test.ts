import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postCurations, segmentNotifications } from "../../db/schema";
import type { CurrentUser } from "../../server/identity";
import { getPlatformMetrics, listSegments, listUserTags } from "../../server/ops";
import { FixedClock } from "../../server/shared/clock";
import { rowsOf } from "../../server/shared/sql-rows";
import { createTestContext } from "../setup/context";
import { createDemoDatabase, DEMO_DATABASE_TIMEOUT_MS, type DemoDatabase } from "../setup/demo";

/** The whole demo seed, then what the ops console shows on the first start. */
describe("demo seed: the ops console is alive", () => {
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

  it("every dashboard chart of the last 30 days has data, with top creators and cohorts", async () => {
    const m = await getPlatformMetrics(ctx, staff, {});
    const keys = ["dau", "mau", "newMembers", "notes", "checkins", "challengeJoins", "linkClicks", "linkOrders", "linkGmvCents", "commissionCents"] as const;
    const empty = keys.filter((k) => m.days.every((d) => d[k] === 0));
    expect(empty).toEqual([]);
    expect(m.topCreators.length).toBeGreaterThan(0);
    expect(m.cohorts.length).toBeGreaterThan(0);
    expect(m.computedAt).not.toBeNull();
  });

  it("tags carry members, segments have people, a campaign notice is queued and two notes are curated", async () => {
    const tags = await listUserTags(ctx, staff);
    expect(tags.map((t) => [t.name, t.kind, t.members > 0]).sort()).toEqual(
      [
        ["重点培养", "manual", true],
        ["美妆爱好者", "rule", true],
        ["近期买家", "rule", true],
      ].sort(),
    );
    const segments = await listSegments(ctx, staff);
    expect(segments.every((s) => s.count > 0)).toBe(true);
    expect(await ctx.db.select().from(segmentNotifications)).toEqual([expect.objectContaining({ campaignId: "demo-beauty-week", status: "queued" })]);
    expect((await ctx.db.select().from(postCurations)).map((c) => c.action).sort()).toEqual(["boost", "bury"]);
  });
});
