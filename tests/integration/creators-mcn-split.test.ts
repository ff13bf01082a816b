import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissions, mcnContractHistory, mcnContracts, mcnInvitations, notifications } from "../../db/schema";
import { acceptMcnInvitation, endDueContracts, getMcnRoster, giveContractNotice, inviteToMcn, listMcnPayouts, mcnConsumers, requestMcnPayout } from "../../server/creators/mcn";
import { commissionsConsumers, decidePayout } from "../../server/distribution";
import { createJobRunner } from "../../server/jobs/runner";
import { balanceOf, checkLedgerInvariants, mcnAccount, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { rowsOf } from "../../server/shared/sql-rows";
import { createPaidOrder, createTestLink, refundOrder, confirmOrder } from "../factories/distribution-earnings";
import { createTestMcn, signTestCreator } from "../factories/creators-mcn";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const DAY = 86_400_000;

describe("MCN contracts: one MCN at a time, the contracted share of every commission, reversed with it", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  const clock = new FixedClock("2026-11-20T04:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 12 });
    ctx = createTestContext(db.handle.db, { clock });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const drain = () =>
    createJobRunner({ db: db.handle.db, logger: createLogger({ level: "silent" }), clock, consumers: [...commissionsConsumers, ...mcnConsumers], context: { config: ctx.config, realtime: ctx.realtime } }).drain();
  const mcnCny = (mcnId: string, kind: string) => balanceOf(db.handle.db, mcnAccount(mcnId, "cny", kind));
  const creatorCny = (id: string, kind: string) => balanceOf(db.handle.db, userAccount(id, "cny", kind));

  it("signs only one of two MCNs when a creator accepts both invitations at once", async () => {
    const a = await createTestMcn(ctx);
    const b = await createTestMcn(ctx);
    const { user: creator } = await createTestUser(db.handle.db, { roles: ["creator"] });
    const invA = await inviteToMcn(ctx, a.admin, a.mcnId, { creatorHandle: creator.handle, shareBp: 1_000, startsOn: "2026-11-01", endsOn: "2027-11-01" });
    const invB = await inviteToMcn(ctx, b.admin, b.mcnId, { creatorHandle: creator.handle, shareBp: 1_500, startsOn: "2026-11-01", endsOn: "2027-11-01" });
    const results = await Promise.allSettled([...Array.from({ length: 5 }, () => acceptMcnInvitation(ctx, creator, invA.id)), ...Array.from({ length: 5 }, () => acceptMcnInvitation(ctx, creator, invB.id))]);
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT" });
    const live = await db.handle.db.select().from(mcnContracts).where(eq(mcnContracts.creatorId, creator.id));
    expect(live).toHaveLength(1);
    // The loser's invitation is still open: nothing of the failed accept was kept.
    const invs = await db.handle.db.select({ status: mcnInvitations.status }).from(mcnInvitations).where(eq(mcnInvitations.creatorId, creator.id));
    expect(invs.map((i) => i.status).sort()).toEqual(["accepted", "invited"]);
  });

  it("posts the MCN's floored share of each concurrent order's commission and takes it back with every refund", async () => {
    const mcn = await createTestMcn(ctx);
    const { creator } = await signTestCreator(ctx, mcn, { shareBp: 3_333, startsOn: "2026-11-01" });
    const { link, productId } = await createTestLink(db.handle.db, creator.id);
    const buyer = (await createTestUser(db.handle.db)).user;
    // 20 orders at once, each 999 × 2 at 12.34 %: commission ⌊1998 × 0.1234⌋ = 246; MCN ⌊246 × 0.3333⌋ = 81; creator 165.
    const orders = await Promise.all(
      Array.from({ length: 20 }, () => createPaidOrder(db.handle.db, { buyerId: buyer.id, creatorId: creator.id, linkId: link.id, paidAt: clock.now(), lines: [{ productId, unitPriceCents: 999, quantity: 2, commissionRateBp: 1_234 }] })),
    );
    await Promise.all([drain(), drain(), drain()]);
    const rows = await db.handle.db.select().from(commissions).where(eq(commissions.creatorId, creator.id));
    expect(rows).toHaveLength(20);
    for (const r of rows) expect(r).toMatchObject({ mcnId: mcn.mcnId, mcnShareCents: 81, amountCents: 165 });
    expect(await mcnCny(mcn.mcnId, "pending")).toBe(20 * 81);
    expect(await creatorCny(creator.id, "pending")).toBe(20 * 165);

    // Half the orders refunded in full, concurrently, with their deliveries racing.
    await Promise.all(orders.slice(0, 10).map((o) => refundOrder(db.handle.db, o, { perLine: [1_998], at: clock.now() })));
    // One partial refund: 999 of 1,998 → ⌊81 × ½⌋ = 40 back from the MCN, ⌊165 × ½⌋ = 82 from the creator.
    await refundOrder(db.handle.db, orders[10]!, { perLine: [999], at: clock.now() });
    await Promise.all([drain(), drain(), drain()]);
    expect(await mcnCny(mcn.mcnId, "pending")).toBe(10 * 81 - 40);
    expect(await creatorCny(creator.id, "pending")).toBe(10 * 165 - 82);

    // Confirmation moves the MCN's remaining share to its earnings, as it does the creator's.
    for (const o of orders.slice(10)) await confirmOrder(db.handle.db, o, clock.now());
    await drain();
    expect(await mcnCny(mcn.mcnId, "pending")).toBe(0);
    expect(await mcnCny(mcn.mcnId, "earnings")).toBe(10 * 81 - 40);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);

    const roster = await getMcnRoster(ctx, mcn.admin, mcn.mcnId);
    expect(roster.earningsCents).toBe(10 * 81 - 40);
    expect(roster.rows).toEqual([expect.objectContaining({ contract: expect.objectContaining({ creator: expect.objectContaining({ id: creator.id }) }) })]);
    // The roster's 30-day commission is what the creator's orders still earn, both shares together.
    expect(roster.rows[0]!.commissionCents).toBe(9 * 246 + (246 - 40 - 82));
    // And the MCN's share, net of the partial refund, as its ledger balance is.
    expect(roster.rows[0]!.mcnShareCents).toBe(10 * 81 - 40);
  });

  it("keeps the share through the notice period, ends the contract after it, and then pays the creator whole", async () => {
    const mcn = await createTestMcn(ctx);
    const { creator, contractId } = await signTestCreator(ctx, mcn, { shareBp: 5_000, startsOn: "2026-11-01" });
    const { link, productId } = await createTestLink(db.handle.db, creator.id);
    const buyer = (await createTestUser(db.handle.db)).user;
    const order = (at: Date) => createPaidOrder(db.handle.db, { buyerId: buyer.id, creatorId: creator.id, linkId: link.id, paidAt: at, lines: [{ productId, unitPriceCents: 10_000, commissionRateBp: 1_000 }] });

    const ending = await giveContractNotice(ctx, creator, contractId, { reason: "moving on" });
    expect(ending.status).toBe("ending");
    expect(new Date(ending.endsAt).getTime()).toBe(clock.now().getTime() + 30 * DAY);
    await expect(giveContractNotice(ctx, mcn.admin, contractId, { reason: "again" })).rejects.toMatchObject({ code: "CONFLICT" });

    await order(new Date(clock.now().getTime() + 10 * DAY));
    clock.advance(31 * DAY);
    expect(await endDueContracts(ctx)).toBe(1);
    expect(await endDueContracts(ctx)).toBe(0);
    await order(clock.now());
    await drain();
    const rows = await db.handle.db.select().from(commissions).where(eq(commissions.creatorId, creator.id)).orderBy(commissions.createdAt);
    expect(rows.map((r) => [r.amountCents, r.mcnShareCents])).toEqual([
      [500, 500],
      [1_000, 0],
    ]);
    const history = await db.handle.db.select({ event: mcnContractHistory.event }).from(mcnContractHistory).where(eq(mcnContractHistory.contractId, contractId)).orderBy(mcnContractHistory.at);
    expect(history.map((h) => h.event)).toEqual(["signed", "notice_given", "ended"]);
    // Free again: a new MCN may sign them.
    const other = await createTestMcn(ctx);
    await expect(signTestCreator(ctx, other, { creator, startsOn: "2027-01-01" })).resolves.toMatchObject({ creator: { id: creator.id } });
    clock.set("2026-11-20T04:00:00Z");
  });

  it("tells the creator of an invitation, and both sides of a notice, once each", async () => {
    const mcn = await createTestMcn(ctx, "青禾 MCN");
    const { creator, contractId } = await signTestCreator(ctx, mcn, { shareBp: 1_250 });
    await giveContractNotice(ctx, mcn.admin, contractId, { reason: "restructuring" });
    await drain();
    await drain();
    const inbox = async (id: string) => (await db.handle.db.select().from(notifications).where(eq(notifications.userId, id))).map((n) => String(n.data.excerpt));
    expect(await inbox(creator.id)).toEqual(expect.arrayContaining(["青禾 MCN 邀请你签约，机构分成为佣金的 12.5%。", expect.stringMatching(/^与 青禾 MCN 的合约已提出解约，将于 .+ 结束。$/)]));
    expect(await inbox(creator.id)).toHaveLength(2);
    expect(await inbox(mcn.admin.id)).toEqual([expect.stringMatching(/^与 青禾 MCN 的合约已提出解约/)]);
  });

  it("refuses an invitation with bad terms and changes nothing", async () => {
    const mcn = await createTestMcn(ctx);
    const { user: creator } = await createTestUser(db.handle.db, { roles: ["creator"] });
    const { user: member } = await createTestUser(db.handle.db);
    const count = async () => Number(rowsOf<{ n: number }>(await db.handle.db.execute(sql`select count(*)::int as n from mcn_invitations where mcn_id = ${mcn.mcnId}`))[0]?.n ?? 0);
    const before = await count();
    const bad: [Record<string, unknown>, string][] = [
      [{ creatorHandle: creator.handle, shareBp: 0, startsOn: "2026-12-01", endsOn: "2027-12-01" }, "shareBp"],
      [{ creatorHandle: creator.handle, shareBp: 9_001, startsOn: "2026-12-01", endsOn: "2027-12-01" }, "shareBp"],
      [{ creatorHandle: creator.handle, shareBp: 1_000, startsOn: "2027-12-01", endsOn: "2027-01-01" }, "endsOn"],
      [{ creatorHandle: creator.handle, shareBp: 1_000, startsOn: "2025-01-01", endsOn: "2025-06-01" }, "endsOn"],
      [{ creatorHandle: creator.handle, shareBp: 1_000, startsOn: "soon", endsOn: "2027-01-01" }, "startsOn"],
      [{ creatorHandle: member.handle, shareBp: 1_000, startsOn: "2026-12-01", endsOn: "2027-12-01" }, "creatorHandle"],
      [{ creatorHandle: creator.handle, shareBp: 1_000, startsOn: "2026-12-01", endsOn: "2027-12-01", extra: 1 }, ""],
    ];
    for (const [input, field] of bad) {
      const e = await inviteToMcn(ctx, mcn.admin, mcn.mcnId, input as never).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: "VALIDATION_FAILED" });
      if (field) expect(Object.keys((e as { fields: Record<string, unknown> }).fields)).toContain(field);
    }
    expect(await count()).toBe(before);
  });
});

describe("MCN payouts: the MCN withdraws its confirmed share through the staff queue", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  const clock = new FixedClock("2026-11-20T04:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 12 });
    ctx = createTestContext(db.handle.db, { clock });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it("never overdraws under racing requests, and approve / mark paid move the MCN's own accounts", async () => {
    const drain = () => createJobRunner({ db: db.handle.db, logger: createLogger({ level: "silent" }), clock, consumers: [...commissionsConsumers], context: { config: ctx.config, realtime: ctx.realtime } }).drain();
    const mcn = await createTestMcn(ctx);
    const { creator } = await signTestCreator(ctx, mcn, { shareBp: 5_000, startsOn: "2026-11-01" });
    const { link, productId } = await createTestLink(db.handle.db, creator.id);
    const buyer = (await createTestUser(db.handle.db)).user;
    const order = await createPaidOrder(db.handle.db, { buyerId: buyer.id, creatorId: creator.id, linkId: link.id, paidAt: clock.now(), lines: [{ productId, unitPriceCents: 200_000, commissionRateBp: 1_000 }] });
    await drain();
    await confirmOrder(db.handle.db, order, clock.now());
    await drain();
    const cny = (kind: string) => balanceOf(db.handle.db, mcnAccount(mcn.mcnId, "cny", kind));
    expect(await cny("earnings")).toBe(10_000);

    const outsider = await createTestMcn(ctx);
    await expect(requestMcnPayout(ctx, outsider.admin, mcn.mcnId, { amountCents: 6_000 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(requestMcnPayout(ctx, mcn.admin, mcn.mcnId, { amountCents: 100 })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => requestMcnPayout(ctx, mcn.admin, mcn.mcnId, { amountCents: 6_000 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await cny("earnings")).toBe(4_000);
    expect(await cny("payout_requested")).toBe(6_000);

    const staff = (await createTestUser(db.handle.db, { roles: ["staff"] })).user;
    const [mine] = await listMcnPayouts(ctx, mcn.admin, mcn.mcnId);
    await decidePayout(ctx, staff, mine!.id, { action: "approve" });
    await decidePayout(ctx, staff, mine!.id, { action: "markPaid" });
    expect(await cny("payout_requested")).toBe(0);
    expect(await cny("payout_approved")).toBe(0);
    expect((await listMcnPayouts(ctx, mcn.admin, mcn.mcnId))[0]).toMatchObject({ status: "paid", amountCents: 6_000 });
    // The creator's own balances were never touched by the MCN's payout.
    expect(await creatorCnyOf(db, creator.id, "earnings")).toBe(10_000);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });
});

const creatorCnyOf = (db: TestDatabase, id: string, kind: string) => balanceOf(db.handle.db, userAccount(id, "cny", kind));
