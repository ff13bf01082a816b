import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awardPoints, confirmPendingPoints, getPointsSummary, listPointsLedger, reversePoints } from "../../server/gamification/points";
import type { CurrentUser } from "../../server/identity";
import { balanceOf, checkLedgerInvariants, platformAccount, postEntry, userAccount } from "../../server/ledger";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const TZ = "Asia/Shanghai";

describe("purchase points: pending until the order confirms, reversed on refund", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  const at = new Date("2026-11-23T04:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    ctx = createTestContext(db.handle.db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const buyer = async () => (await createTestUser(db.handle.db)).user;
  const bal = (u: CurrentUser, asset: "points" | "growth", kind = "available") => balanceOf(db.handle.db, userAccount(u.id, asset, kind));
  const purchase = (u: CurrentUser, orderId: string, yuan: number) =>
    db.handle.db.transaction((tx) =>
      awardPoints(tx, { userId: u.id, ruleKey: "purchase", units: yuan, idempotencyKey: `points:order:${orderId}`, occurredAt: at, now: at, timeZone: TZ, pending: true, memo: { orderId } }),
    );
  const confirm = (entryId: string) => db.handle.db.transaction((tx) => confirmPendingPoints(tx, { entryId, now: at, timeZone: TZ }));
  const reverse = (entryId: string, key: string) => db.handle.db.transaction((tx) => reversePoints(tx, { entryId, idempotencyKey: key, now: at }));

  it("keeps purchase points pending, then confirms them once into points, growth and a level", async () => {
    const u = await buyer();
    const award = await purchase(u, "o1", 128);
    expect(award).toMatchObject({ outcome: "awarded", points: 128, growth: 128 });
    expect([await bal(u, "points"), await bal(u, "points", "pending"), await bal(u, "growth", "pending")]).toEqual([0, 128, 128]);

    const results = await Promise.all(Array.from({ length: 8 }, () => confirm(award.entryId!)));
    expect(results.filter((r) => r.outcome === "confirmed")).toHaveLength(1);
    expect([await bal(u, "points"), await bal(u, "points", "pending"), await bal(u, "growth")]).toEqual([128, 0, 128]);
    expect((await getPointsSummary(db.handle.db, u.id, { today: "2026-11-23", locale: "zh-CN" })).level.level).toBe(2);
    const ledger = await listPointsLedger(ctx, u.id, {}, "zh-CN");
    expect(ledger.items.map((i) => [i.reasonText, i.points, i.pendingPoints]).sort()).toEqual([
      ["购物", 128, -128],
      ["购物（每 1 元）", 0, 128],
    ]);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("reverses a refunded order's points from pending, and then confirms nothing", async () => {
    const u = await buyer();
    const award = await purchase(u, "o2", 50);
    const reversals = await Promise.all([reverse(award.entryId!, "reversal:refund:r2"), reverse(award.entryId!, "reversal:refund:r2"), reverse(award.entryId!, "reversal:refund:r2b")]);
    expect(reversals.filter((r) => r.outcome === "reversed")).toHaveLength(1);
    expect([await bal(u, "points", "pending"), await bal(u, "growth", "pending")]).toEqual([0, 0]);
    expect(await confirm(award.entryId!)).toMatchObject({ outcome: "nothing" });
    expect(await bal(u, "points")).toBe(0);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("reverses confirmed points and growth (the level follows), never below what is left after spending", async () => {
    const u = await buyer();
    const award = await purchase(u, "o3", 120);
    await confirm(award.entryId!);
    expect((await getPointsSummary(db.handle.db, u.id, { today: "2026-11-23", locale: "zh-CN" })).level.level).toBe(2);
    await postEntry(db.handle.db, {
      idempotencyKey: `test:spend:${u.id}`,
      reason: "redemption",
      userId: u.id,
      occurredAt: at,
      now: at,
      postings: [
        { account: userAccount(u.id, "points"), amount: -100 },
        { account: platformAccount("points", "expense"), amount: 100 },
      ],
    });
    const r = await reverse(award.entryId!, "reversal:refund:r3");
    expect(r).toMatchObject({ outcome: "reversed", points: 20, growth: 120 });
    expect([await bal(u, "points"), await bal(u, "growth")]).toEqual([0, 0]);
    expect((await getPointsSummary(db.handle.db, u.id, { today: "2026-11-23", locale: "zh-CN" })).level.level).toBe(1);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });
});
