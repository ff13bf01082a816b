import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, commissions, creatorTierHistory, creatorTiers, notifications, outboxEvents, settings } from "../../db/schema";
import { DEFAULT_TIER_SETTINGS, getMyCreatorTier, recomputeCreatorTiers, tiersConsumers, updateTierSettings, type TierSettings } from "../../server/creators/tiers";
import { joinFanGroup } from "../../server/creators/fan-groups";
import { commissionsConsumers } from "../../server/distribution";
import type { CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { createPaidOrder, createTestLink } from "../factories/distribution-earnings";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const DAY = 86_400_000;

/** Thresholds a test can reach with a few orders: C2 at ¥100 of 30-day GMV, C3 at ¥500, C4 at ¥5,000. */
const SETTINGS: TierSettings = {
  ...DEFAULT_TIER_SETTINGS,
  thresholds: {
    C2: { followers: 0, engagement30d: 1_000_000, fanGroupSize: 1_000_000, gmv30dCents: 10_000 },
    C3: { followers: 0, engagement30d: 1_000_000, fanGroupSize: 1_000_000, gmv30dCents: 50_000 },
    C4: { followers: 0, engagement30d: 1_000_000, fanGroupSize: 1_000_000, gmv30dCents: 500_000 },
  },
};

describe("creator tiers: promotion at once, demotion only after a warned 14-day grace", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  const clock = new FixedClock("2026-11-01T04:00:00Z");
  let staff: CurrentUser;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
    ctx = createTestContext(db.handle.db, { clock });
    staff = (await createTestUser(db.handle.db, { roles: ["staff"] })).user;
    await updateTierSettings(ctx, staff, SETTINGS);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const drain = () =>
    createJobRunner({ db: db.handle.db, logger: createLogger({ level: "silent" }), clock, consumers: [...tiersConsumers, ...commissionsConsumers], context: { config: ctx.config, realtime: ctx.realtime } }).drain();
  const tierOf = async (id: string) => (await db.handle.db.select().from(creatorTiers).where(eq(creatorTiers.userId, id)))[0]!;
  const sell = async (creator: CurrentUser, cents: number, at = clock.now()) => {
    const { link, productId } = await createTestLink(db.handle.db, creator.id);
    const buyer = (await createTestUser(db.handle.db)).user;
    return createPaidOrder(db.handle.db, { buyerId: buyer.id, creatorId: creator.id, linkId: link.id, paidAt: at, lines: [{ productId, unitPriceCents: cents, commissionRateBp: 1_000 }] });
  };
  const warnings = (id: string) =>
    db.handle.db.select().from(notifications).where(and(eq(notifications.userId, id), sql`${notifications.data}->>'kind' = 'tierWarning'`));
  const warningEvents = async (id: string) =>
    (await db.handle.db.select().from(outboxEvents).where(and(eq(outboxEvents.type, "creators.tier.warning"), sql`${outboxEvents.payload}->>'userId' = ${id}`))).length;

  it("promotes at once, warns once when the creator falls behind, and demotes only when the grace has run out", async () => {
    clock.set("2026-11-01T04:00:00Z");
    const { user: creator } = await createTestUser(db.handle.db, { roles: ["creator"] });
    await recomputeCreatorTiers(ctx);
    expect((await tierOf(creator.id)).tier).toBe("C1");

    await sell(creator, 60_000);
    await recomputeCreatorTiers(ctx);
    expect(await tierOf(creator.id)).toMatchObject({ tier: "C3", pendingTier: null });
    await drain();
    const promoted = await db.handle.db.select().from(notifications).where(and(eq(notifications.userId, creator.id), sql`${notifications.data}->>'kind' = 'tierChanged'`));
    expect(promoted).toHaveLength(1);

    // 31 days on the sale has left the 30-day window: a grace starts with its one warning.
    clock.advance(31 * DAY);
    await recomputeCreatorTiers(ctx);
    const graced = await tierOf(creator.id);
    expect(graced).toMatchObject({ tier: "C3", pendingTier: "C1" });
    expect(graced.demoteAfter!.getTime()).toBe(clock.now().getTime() + 14 * DAY);
    await drain();
    const [warning] = await warnings(creator.id);
    // The member's locale is zh-CN by default: the warning names the tier, what is missing and the date.
    expect(String(warning!.data.excerpt)).toMatch(/^保级 C3：请在 .+ 前.*再带来 ¥500 GMV.*否则将降为 C1。$/);

    // The daily runs during the grace send nothing more and keep the tier.
    for (let d = 1; d < 14; d++) {
      clock.advance(DAY);
      await recomputeCreatorTiers(ctx);
    }
    await drain();
    expect(await warnings(creator.id)).toHaveLength(1);
    expect(await warningEvents(creator.id)).toBe(1);
    expect((await tierOf(creator.id)).tier).toBe("C3");

    clock.advance(DAY);
    await recomputeCreatorTiers(ctx);
    expect(await tierOf(creator.id)).toMatchObject({ tier: "C1", pendingTier: null, demoteAfter: null });
    const history = await db.handle.db.select({ reason: creatorTierHistory.reason, to: creatorTierHistory.toTier }).from(creatorTierHistory).where(eq(creatorTierHistory.userId, creator.id)).orderBy(creatorTierHistory.at);
    expect(history).toEqual([
      { reason: "initial", to: "C1" },
      { reason: "promoted", to: "C3" },
      { reason: "grace_started", to: "C1" },
      { reason: "demoted", to: "C1" },
    ]);
  });

  it("cancels the grace when the creator earns the tier back in time, and a later fall warns again", async () => {
    clock.set("2026-11-01T04:00:00Z");
    const { user: creator } = await createTestUser(db.handle.db, { roles: ["creator"] });
    await sell(creator, 12_000);
    await recomputeCreatorTiers(ctx);
    expect((await tierOf(creator.id)).tier).toBe("C2");
    clock.advance(31 * DAY);
    await recomputeCreatorTiers(ctx);
    expect((await tierOf(creator.id)).pendingTier).toBe("C1");
    clock.advance(5 * DAY);
    await sell(creator, 15_000);
    await recomputeCreatorTiers(ctx);
    expect(await tierOf(creator.id)).toMatchObject({ tier: "C2", pendingTier: null, demoteAfter: null, warningSentAt: null });
    clock.advance(20 * DAY);
    await recomputeCreatorTiers(ctx);
    expect((await tierOf(creator.id)).tier).toBe("C2");
    clock.advance(15 * DAY);
    await recomputeCreatorTiers(ctx);
    expect(await tierOf(creator.id)).toMatchObject({ tier: "C2", pendingTier: "C1" });
    expect(await warningEvents(creator.id)).toBe(2);
    const view = await getMyCreatorTier(ctx, creator);
    expect(view.grace).toMatchObject({ pendingTier: "C1", shortfall: expect.objectContaining({ gmv30dCents: 10_000 }) });
  });

  it("prices a new commission with the creator's tier multiplier (C3 = ×1.1 by default)", async () => {
    clock.set("2026-11-01T04:00:00Z");
    const { user: creator } = await createTestUser(db.handle.db, { roles: ["creator"] });
    await sell(creator, 60_000);
    await drain();
    await recomputeCreatorTiers(ctx);
    expect((await tierOf(creator.id)).tier).toBe("C3");
    const order = await sell(creator, 12_345); // 12,345 × 10 % × 1.1 = 1,357.95 → 1,357
    await drain();
    const [row] = await db.handle.db.select().from(commissions).where(eq(commissions.orderId, order.orderId));
    expect(row).toMatchObject({ tierMultiplierBp: 11_000, amountCents: 1_357 });
  });

  it("counts the creator's fan group toward the tier", async () => {
    clock.set("2026-11-01T04:00:00Z");
    const { user: creator } = await createTestUser(db.handle.db, { roles: ["creator"] });
    await updateTierSettings(ctx, staff, { ...SETTINGS, thresholds: { ...SETTINGS.thresholds, C2: { ...SETTINGS.thresholds.C2, fanGroupSize: 3 } } });
    for (let i = 0; i < 2; i++) await joinFanGroup(ctx, (await createTestUser(db.handle.db)).user, creator.id);
    await recomputeCreatorTiers(ctx);
    expect((await tierOf(creator.id)).tier).toBe("C1");
    await joinFanGroup(ctx, (await createTestUser(db.handle.db)).user, creator.id);
    await recomputeCreatorTiers(ctx);
    expect(await tierOf(creator.id)).toMatchObject({ tier: "C2", stats: expect.objectContaining({ fanGroupSize: 3 }) });
    await updateTierSettings(ctx, staff, SETTINGS);
  });

  it("lets only staff change the thresholds, audits the change, and refuses bad ones without changing anything", async () => {
    const { user: member } = await createTestUser(db.handle.db);
    const { user: creator } = await createTestUser(db.handle.db, { roles: ["creator"] });
    const stored = async () => (await db.handle.db.select().from(settings).where(eq(settings.key, "creators.tiers")))[0]?.value;
    const before = await stored();
    await expect(updateTierSettings(ctx, member, SETTINGS)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateTierSettings(ctx, creator, SETTINGS)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateTierSettings(ctx, null, SETTINGS)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const bad = [
      { ...SETTINGS, graceDays: 0 },
      { ...SETTINGS, multipliersBp: { ...SETTINGS.multipliersBp, C4: 40_000 } },
      { ...SETTINGS, thresholds: { ...SETTINGS.thresholds, C3: { ...SETTINGS.thresholds.C3, gmv30dCents: 1 } } },
      { ...SETTINGS, thresholds: { ...SETTINGS.thresholds, C2: { ...SETTINGS.thresholds.C2, followers: -1 } } },
    ];
    for (const input of bad) await expect(updateTierSettings(ctx, staff, input)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await stored()).toEqual(before);
    const audits = await db.handle.db.select().from(auditLog).where(and(eq(auditLog.subjectType, "setting"), eq(auditLog.subjectId, "creators.tiers")));
    // The first save, and the two of the fan-group test, each audited with what they wrote.
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.actorId === staff.id)).toBe(true);
    expect(audits.map((a) => a.after)).toContainEqual(SETTINGS);
  });
});
