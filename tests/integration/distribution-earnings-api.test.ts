import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissions, journalEntries, notifications, payouts, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { commissionsConsumers, payoutsConsumers } from "../../server/distribution";
import { raiseFraudFlag } from "../../server/distribution/fraud/raise-fraud-flag";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import { balanceOf, checkLedgerInvariants, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { confirmOrder, createPaidOrder, createTestLink, refundOrder } from "../factories/distribution-earnings";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };
type Payout = { id: string; ownerId: string; amountCents: number; status: string; reason: string | null; heldForReview: boolean };
type Summary = { balanceCents: number; withdrawableCents: number; pendingCents: number; inPayoutCents: number; paidCents: number; confirmedCents: number; lifetimeCents: number };

describe("/api/v1 earnings and payouts: the creator's own money, staff review, never overdrawn", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  let staff: Member;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock, env: { DATABASE_POOL_SIZE: "24" } });
    staff = await member(["staff"]);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function member(roles: Role[] = []): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("e") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }
  const drain = () =>
    createJobRunner({
      db: db.handle.db,
      logger: createLogger({ level: "silent" }),
      clock,
      consumers: [...commissionsConsumers, ...payoutsConsumers],
      context: { config: server.ctx.config, realtime: server.ctx.realtime },
    }).drain();

  /** A confirmed commission of `cents` for the creator (an order of 10 × cents at 10 %), returning the order. */
  async function earn(creator: Member, cents: number, options: { confirm?: boolean } = {}) {
    const { link, productId } = await createTestLink(db.handle.db, creator.user.id);
    const buyer = await createTestUser(db.handle.db);
    const order = await createPaidOrder(db.handle.db, { buyerId: buyer.user.id, creatorId: creator.user.id, linkId: link.id, paidAt: clock.now(), lines: [{ productId, unitPriceCents: cents * 10, commissionRateBp: 1_000 }] });
    await drain();
    if (options.confirm !== false) {
      await confirmOrder(db.handle.db, order, clock.now());
      await drain();
    }
    return order;
  }

  const api = (path: string, init: { method?: string; json?: unknown; as?: Member | null; headers?: Record<string, string> } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
        ...init.headers,
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  const summaryOf = async (who: Member) => (await (await api("/me/earnings", { as: who })).json()) as Summary;
  const request = (who: Member, amountCents: unknown, headers: Record<string, string> = {}) => api("/me/payouts", { as: who, json: { amountCents }, headers });
  const decide = (id: string, body: Record<string, unknown>, as: Member | null = staff) => api(`/payouts/${id}/decision`, { as, json: body });
  const earnings = (u: CurrentUser) => balanceOf(db.handle.db, userAccount(u.id, "cny", "earnings"));
  const payoutRows = (u: CurrentUser) => db.handle.db.select().from(payouts).where(eq(payouts.ownerId, u.id));

  it("shows each creator only their own earnings and commissions", async () => {
    const alice = await member(["creator"]);
    const bob = await member(["creator"]);
    await earn(alice, 3_000);
    await earn(alice, 1_200, { confirm: false });
    const a = await summaryOf(alice);
    expect(a).toMatchObject({ balanceCents: 3_000, withdrawableCents: 3_000, pendingCents: 1_200, lifetimeCents: 4_200, confirmedCents: 3_000, paidCents: 0 });
    const list = (await (await api("/me/commissions?limit=1", { as: alice })).json()) as { items: { id: string; amountCents: number; timeline: { reasonText: string }[] }[]; nextCursor: string };
    expect(list.items).toHaveLength(1);
    const next = (await (await api(`/me/commissions?cursor=${list.nextCursor}`, { as: alice })).json()) as { items: { id: string }[]; nextCursor: string | null };
    expect(next.items).toHaveLength(1);
    expect(next.nextCursor).toBeNull();

    // Bob sees nothing of Alice's: zero balances, an empty list, and no way to ask for hers.
    expect(await summaryOf(bob)).toMatchObject({ balanceCents: 0, pendingCents: 0, lifetimeCents: 0 });
    expect(((await (await api("/me/commissions", { as: bob })).json()) as { items: unknown[] }).items).toEqual([]);
    const sneaky = await api(`/me/commissions?creatorId=${alice.user.id}`, { as: bob });
    expect(sneaky.status).toBe(422);
    expect((await api(`/me/earnings?creatorId=${alice.user.id}`, { as: bob })).status).toBe(422);
    // A cursor that is not one of ours is a field error, not a 500.
    const bad = await api("/me/commissions?cursor=not-a-cursor", { as: alice });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ApiError).error.fields).toHaveProperty("cursor");
    expect((await api("/me/earnings")).status).toBe(401);
    expect((await api("/me/commissions")).status).toBe(401);
  });

  it("refuses a payout below the minimum or above the balance with a clear 4xx and writes nothing", async () => {
    const c = await member(["creator"]);
    await earn(c, 8_000);
    const small = await request(c, 4_999);
    expect(small.status).toBe(422);
    expect(((await small.json()) as ApiError).error.fields).toEqual({ amountCents: ["The minimum withdrawal is higher than this amount."] });
    const notNumber = await request(c, "lots");
    expect(notNumber.status).toBe(422);
    const tooMuch = await request(c, 8_001);
    expect(tooMuch.status).toBe(409);
    expect(((await tooMuch.json()) as ApiError).error.message).toBe("Your withdrawable balance is lower than this amount.");
    expect(await payoutRows(c.user)).toEqual([]);
    expect(await earnings(c.user)).toBe(8_000);
  });

  it("lets 20 racing payout requests take the balance only as far as it goes, never below zero", async () => {
    const c = await member(["creator"]);
    await earn(c, 20_000);
    const responses = await Promise.all(Array.from({ length: 20 }, () => request(c, 6_000)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(3);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(17);
    expect(await earnings(c.user)).toBe(2_000);
    expect(await summaryOf(c)).toMatchObject({ balanceCents: 2_000, inPayoutCents: 18_000, lifetimeCents: 20_000 });
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("creates one payout for a request retried with the same key, however many copies race", async () => {
    const c = await member(["creator"]);
    await earn(c, 10_000);
    const responses = await Promise.all(Array.from({ length: 8 }, () => request(c, 5_000, { "idempotency-key": "withdraw-2026-11-24" })));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { payout: Payout; replayed: boolean }[];
    expect(new Set(bodies.map((b) => b.payout.id)).size).toBe(1);
    expect(bodies.filter((b) => !b.replayed)).toHaveLength(1);
    expect(await earnings(c.user)).toBe(5_000);
    const reused = await request(c, 6_000, { "idempotency-key": "withdraw-2026-11-24" });
    expect(reused.status).toBe(409);
  });

  it("takes a payout through approve and mark paid, each step a ledger line, and tells the creator", async () => {
    const c = await member(["creator"]);
    await earn(c, 3_000);
    await earn(c, 4_000);
    const created = (await (await request(c, 7_000)).json()) as { payout: Payout };
    const id = created.payout.id;
    const queue = (await (await api("/payouts", { as: staff })).json()) as { payouts: Payout[] };
    expect(queue.payouts.map((p) => p.id)).toContain(id);

    const approvals = await Promise.all(Array.from({ length: 6 }, () => decide(id, { action: "approve" })));
    expect(approvals.filter((r) => r.status === 200)).toHaveLength(1);
    expect(approvals.filter((r) => r.status === 409)).toHaveLength(5);
    const paid = await decide(id, { action: "markPaid" });
    expect(paid.status).toBe(200);
    expect(((await paid.json()) as { payout: Payout }).payout.status).toBe("paid");
    expect(await summaryOf(c)).toMatchObject({ balanceCents: 0, inPayoutCents: 0, paidCents: 7_000, confirmedCents: 7_000, lifetimeCents: 7_000 });

    const steps = await db.handle.db.select({ key: journalEntries.idempotencyKey }).from(journalEntries).where(like(journalEntries.idempotencyKey, `payout:%:${id}`));
    expect(steps.map((s) => s.key).sort()).toEqual([`payout:approve:${id}`, `payout:markPaid:${id}`, `payout:request:${id}`]);
    const mine = await db.handle.db.select().from(commissions).where(eq(commissions.creatorId, c.user.id));
    expect(mine.map((m) => [m.status, m.payoutId])).toEqual([
      ["paid", id],
      ["paid", id],
    ]);
    await drain();
    const notices = await db.handle.db.select().from(notifications).where(and(eq(notifications.userId, c.user.id), eq(notifications.type, "system")));
    expect(notices.map((n) => (n.data as { excerpt: string }).excerpt).sort()).toEqual(["你的提现 ¥70.00 已审核通过，将尽快打款。", "你的提现 ¥70.00 已打款。"].sort());
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("gives the money back when staff reject with a reason, and requires that reason", async () => {
    const c = await member(["creator"]);
    await earn(c, 6_000);
    const { payout } = (await (await request(c, 6_000)).json()) as { payout: Payout };
    const noReason = await decide(payout.id, { action: "reject" });
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as ApiError).error.fields).toHaveProperty("reason");
    expect((await payoutRows(c.user))[0]!.status).toBe("requested");
    const rejected = await decide(payout.id, { action: "reject", reason: "收款账户信息不完整" });
    expect(rejected.status).toBe(200);
    expect(((await rejected.json()) as { payout: Payout }).payout).toMatchObject({ status: "rejected", reason: "收款账户信息不完整" });
    expect(await earnings(c.user)).toBe(6_000);
    expect((await decide(payout.id, { action: "markPaid" })).status).toBe(409);
  });

  it("holds a flagged creator's payout for review: approving it needs a note", async () => {
    const c = await member(["creator"]);
    await earn(c, 9_000);
    await db.handle.db.transaction((tx) => raiseFraudFlag(tx, { userId: c.user.id, kind: "refund_rate", details: { share: 0.4 }, now: clock.now() }));
    const { payout } = (await (await request(c, 9_000)).json()) as { payout: Payout };
    expect(payout.heldForReview).toBe(true);
    const bare = await decide(payout.id, { action: "approve" });
    expect(bare.status).toBe(422);
    const noted = await decide(payout.id, { action: "approve", reason: "已人工核实订单真实" });
    expect(noted.status).toBe(200);
  });

  it("carries a refund after payout into a negative balance that blocks the next payout", async () => {
    const c = await member(["creator"]);
    const order = await earn(c, 5_000);
    const { payout } = (await (await request(c, 5_000)).json()) as { payout: Payout };
    await decide(payout.id, { action: "approve" });
    await decide(payout.id, { action: "markPaid" });
    await refundOrder(db.handle.db, order, { perLine: [50_000], at: clock.now() });
    await drain();
    expect(await summaryOf(c)).toMatchObject({ balanceCents: -5_000, withdrawableCents: 0, paidCents: 5_000, lifetimeCents: 0 });
    const list = (await (await api("/me/commissions", { as: c })).json()) as { items: { timeline: { reason: string; amountCents: number }[] }[] };
    expect(list.items[0]!.timeline.map((s) => s.reason)).toEqual(["created", "confirmed", "paid_out", "clawed_back"]);
    await earn(c, 6_000);
    expect((await request(c, 5_000)).status).toBe(409); // 1,000 withdrawable
    expect(await summaryOf(c)).toMatchObject({ balanceCents: 1_000 });
  });

  it("authorizes every payout operation by role and never shows one creator another's payout", async () => {
    const owner = await member(["creator"]);
    const other = await member(["creator"]);
    const plain = await member();
    await earn(owner, 5_000);
    const { payout } = (await (await request(owner, 5_000)).json()) as { payout: Payout };

    expect((await api(`/payouts/${payout.id}`, { as: owner })).status).toBe(200);
    expect((await api(`/payouts/${payout.id}`, { as: staff })).status).toBe(200);
    for (const who of [other, plain]) {
      expect((await api(`/payouts/${payout.id}`, { as: who })).status).toBe(404);
      expect((await api("/payouts", { as: who })).status).toBe(403);
      expect((await decide(payout.id, { action: "approve" }, who)).status).toBe(403);
      const theirs = (await (await api("/me/payouts", { as: who })).json()) as { payouts: Payout[] };
      expect(theirs.payouts.map((p) => p.id)).not.toContain(payout.id);
    }
    expect((await api(`/payouts/${payout.id}`)).status).toBe(401);
    expect((await api("/payouts")).status).toBe(401);
    expect((await decide(payout.id, { action: "approve" }, null)).status).toBe(401);
    expect((await request(plain, 5_000)).status).toBe(409); // nothing to withdraw
    expect((await api(`/payouts/${crypto.randomUUID()}`, { as: staff })).status).toBe(404);
    expect((await decide(crypto.randomUUID(), { action: "approve" })).status).toBe(404);
    expect((await payoutRows(owner.user))[0]!.status).toBe("requested");
    const count = await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(payouts).where(eq(payouts.ownerId, plain.user.id));
    expect(count[0]!.n).toBe(0);
  });

  it("lists the operations in the OpenAPI document", async () => {
    const doc = (await (await api("/openapi.json")).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ids).toEqual(expect.arrayContaining(["getEarningsSummary", "listCommissions", "requestPayout", "listMyPayouts", "getPayout", "listPayoutQueue", "decidePayout"]));
  });
});
