import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkins, likes, linkClicks, postCurations } from "../../db/schema";
import { getFeed } from "../../server/content/feeds";
import { recomputePostScores } from "../../server/content/feeds/recompute-scores";
import type { CurrentUser } from "../../server/identity";
import { computeDailyMetrics, curatePost, getPlatformMetrics, liftCuration } from "../../server/ops";
import { FixedClock } from "../../server/shared/clock";
import { createPaidOrder, createTestLink } from "../factories/distribution-earnings";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createNote } from "./feeds-fixtures";

describe("ops console: the dashboard's numbers and curation the hot feed respects", () => {
  let db: TestDatabase;
  const clock = new FixedClock("2026-11-23T04:00:00Z");
  let ctx: ReturnType<typeof createTestContext>;
  let staff: CurrentUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db, { clock });
    staff = (await createTestUser(ctx.db, { roles: ["staff"], now: new Date("2026-10-01T00:00:00Z") })).user;
  });
  afterAll(async () => {
    await db?.close();
  });

  it("counts DAU, new members, GMV net of refunds and click→order conversion for a day, and re-running changes nothing", async () => {
    // 2026-11-20 in Asia/Shanghai is 2026-11-19T16:00Z … 2026-11-20T16:00Z.
    const day = "2026-11-20";
    const at = new Date("2026-11-20T03:00:00Z");
    const old = { now: new Date("2026-10-01T00:00:00Z") };
    const creator = (await createTestUser(ctx.db, { ...old, roles: ["creator"] })).user;
    const liker = (await createTestUser(ctx.db, old)).user;
    const buyer = (await createTestUser(ctx.db, { now: at })).user; // a new member that day, who also orders
    await createTestUser(ctx.db, { now: new Date("2026-11-20T15:59:59Z") }); // still the 20th in Shanghai: new, not active
    await createTestUser(ctx.db, { now: new Date("2026-11-20T16:00:00Z") }); // the 21st in Shanghai
    const note = await createNote(ctx.db, creator.id, { publishedAt: at });
    await ctx.db.insert(likes).values({ userId: liker.id, postId: note.id, createdAt: at });
    await ctx.db.insert(checkins).values({ userId: liker.id, localDate: day, streak: 1, createdAt: at });
    const { link, productId } = await createTestLink(ctx.db, creator.id, { now: at });
    for (let i = 0; i < 4; i++) await ctx.db.insert(linkClicks).values({ linkId: link.id, visitorId: `v${i}`, at, counted: true });
    await ctx.db.insert(linkClicks).values({ linkId: link.id, visitorId: "v0", at, counted: false }); // a repeat: not counted
    const order = await createPaidOrder(ctx.db, { buyerId: buyer.id, creatorId: creator.id, linkId: link.id, paidAt: at, lines: [{ productId, unitPriceCents: 12_900, commissionRateBp: 1_000 }] });
    await ctx.db.execute(sql`update orders set refunded_cents = 2900, status = 'partially_refunded' where id = ${order.orderId}`);

    await computeDailyMetrics(ctx.db, day, ctx.config.platformTimeZone, clock.now());
    await computeDailyMetrics(ctx.db, day, ctx.config.platformTimeZone, clock.now());
    const m = await getPlatformMetrics(ctx, staff, { from: day, to: day });
    // Active: the creator (published), the liker (liked, checked in), the buyer (ordered) — 3, each once.
    expect(m.days[0]).toMatchObject({ day, dau: 3, newMembers: 2, notes: 1, checkins: 1, linkClicks: 4, linkOrders: 1, linkGmvCents: 10_000 });
    expect(m.totals.conversionBp).toBe(2_500);
    expect(m.topCreators).toEqual([expect.objectContaining({ creatorId: creator.id, gmvCents: 10_000, orders: 1, newBuyers: 1 })]);
    // The signup week of the two new members (Monday 16 November): one of them active in week 0, the
    // only week that has begun by the 20th.
    expect(m.cohorts.find((c) => c.week === "2026-11-16")).toMatchObject({ size: 2, active: [1] });
    const later = await getPlatformMetrics(ctx, staff, { from: day, to: "2026-11-24" });
    expect(later.cohorts.find((c) => c.week === "2026-11-16")).toMatchObject({ size: 3, active: [1, 0] });
  });

  it("refuses a bad range with field errors, and members cannot read metrics", async () => {
    await expect(getPlatformMetrics(ctx, staff, { from: "2026-11-30", to: "2026-11-01" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { to: ["ops.metrics.order"] } });
    await expect(getPlatformMetrics(ctx, staff, { from: "2025-01-01", to: "2026-11-01" })).rejects.toMatchObject({ fields: { to: ["ops.metrics.tooLong"] } });
    await expect(getPlatformMetrics(ctx, staff, { from: "30/11/2026" })).rejects.toMatchObject({ fields: { from: ["ops.metrics.date"] } });
    await expect(getPlatformMetrics(ctx, staff, { to: "2026-13-45" })).rejects.toMatchObject({ fields: { to: ["ops.metrics.date"] } });
    await expect(getPlatformMetrics(ctx, staff, { to: "2026-02-30" })).rejects.toMatchObject({ fields: { to: ["ops.metrics.date"] } });
    const member = (await createTestUser(ctx.db)).user;
    await expect(getPlatformMetrics(ctx, member, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a boost lifts a note above a hotter one and fades with the clock; a bury sinks one; lifting restores the order", async () => {
    const author = (await createTestUser(ctx.db)).user;
    const publishedAt = new Date("2026-11-23T01:00:00Z");
    const hot = await createNote(ctx.db, author.id, { publishedAt, likeCount: 40, title: "hot" });
    const mild = await createNote(ctx.db, author.id, { publishedAt, likeCount: 10, title: "mild" });
    const order = async () => {
      const page = await getFeed(createTestContext(ctx.db, { clock }), { tab: "hot", limit: 50 }, null);
      return page.items.map((i) => i.id).filter((id) => id === hot.id || id === mild.id);
    };
    await recomputePostScores(ctx.db, clock.now());
    expect(await order()).toEqual([hot.id, mild.id]);

    const curation = await curatePost(ctx, staff, mild.id, { action: "boost", weightBp: 100_000, decayDays: 2, reason: "新品首发" });
    expect(curation).toMatchObject({ action: "boost", currentWeightBp: 100_000, decayDays: 2 });
    expect(await order()).toEqual([mild.id, hot.id]);

    // Two days later the boost has decayed to nothing and engagement decides again.
    clock.set("2026-11-25T04:00:00Z");
    await recomputePostScores(ctx.db, clock.now());
    expect(await order()).toEqual([hot.id, mild.id]);

    await curatePost(ctx, staff, hot.id, { action: "bury" });
    expect(await order()).toEqual([mild.id, hot.id]);
    await liftCuration(ctx, staff, hot.id);
    expect(await order()).toEqual([hot.id, mild.id]);
    const live = await ctx.db.select().from(postCurations).where(eq(postCurations.postId, hot.id));
    expect(live.every((c) => c.endedAt !== null)).toBe(true);
    clock.set("2026-11-23T04:00:00Z");
  });

  it("bad curation input is a field error and changes nothing; many racing staff leave one live curation", async () => {
    const note = await createNote(ctx.db, staff.id, { publishedAt: new Date("2026-11-23T01:00:00Z") });
    await expect(curatePost(ctx, staff, note.id, { action: "bury", weightBp: 20_000 })).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { weightBp: ["ops.curation.weight"] } });
    await expect(curatePost(ctx, staff, note.id, { action: "boost", decayDays: 0 })).rejects.toMatchObject({ fields: { decayDays: ["ops.curation.decayDays"] } });
    await expect(curatePost(ctx, staff, note.id, { action: "feature" as "pin" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(curatePost(ctx, staff, "not-a-uuid", { action: "pin" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await ctx.db.select().from(postCurations).where(eq(postCurations.postId, note.id))).toHaveLength(0);

    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => curatePost(ctx, staff, note.id, { action: i % 2 ? "boost" : "pin" })));
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    const rows = await ctx.db.select().from(postCurations).where(eq(postCurations.postId, note.id));
    expect(rows.filter((r) => r.endedAt === null)).toHaveLength(1);
  });
});
