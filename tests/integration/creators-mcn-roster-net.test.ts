import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as mcnPage from "../../app/routes/mcn._index";
import { mcnConsumers } from "../../server/creators/mcn";
import { commissionsConsumers } from "../../server/distribution";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { createJobRunner } from "../../server/jobs/runner";
import { balanceOf, checkLedgerInvariants, mcnAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { confirmOrder, createPaidOrder, createTestLink, refundOrder } from "../factories/distribution-earnings";
import { createTestMcn, signTestCreator } from "../factories/creators-mcn";
import { asRoute, routeCaller } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

type RosterPage = { roster: { rows: { contract: { creator: { id: string } }; commissionCents: number; mcnShareCents: number }[]; pendingCents: number; earningsCents: number } };

describe("the MCN roster's share is net of refunds, as the MCN's ledger balance is", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  const clock = new FixedClock("2026-11-20T04:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
    ctx = createTestContext(db.handle.db, { clock });
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const drain = () =>
    createJobRunner({ db: db.handle.db, logger: createLogger({ level: "silent" }), clock, consumers: [...commissionsConsumers, ...mcnConsumers], context: { config: ctx.config, realtime: ctx.realtime } }).drain();
  const ledger = async (mcnId: string) => (await balanceOf(db.handle.db, mcnAccount(mcnId, "cny", "pending"))) + (await balanceOf(db.handle.db, mcnAccount(mcnId, "cny", "earnings")));

  it("a partial refund of a signed creator's order lowers the roster's MCN share exactly as much as the MCN's balance falls", async () => {
    const mcn = await createTestMcn(ctx);
    const { creator } = await signTestCreator(ctx, mcn, { shareBp: 3_333, startsOn: "2026-11-01" });
    const { link, productId } = await createTestLink(db.handle.db, creator.id);
    const buyer = (await createTestUser(db.handle.db)).user;
    const session = await createSession(ctx.db, { userId: mcn.admin.id, now: clock.now() });
    const cookie = sessionCookie(ctx, session).split(";")[0]!;
    const roster = async () => {
      const page = (await (await routeCaller(context).get(asRoute(mcnPage), "/mcn", cookie)).json()) as RosterPage;
      const row = page.roster.rows.find((r) => r.contract.creator.id === creator.id)!;
      return { share: row.mcnShareCents, commission: row.commissionCents, balance: page.roster.pendingCents + page.roster.earningsCents };
    };
    // Two orders of 999 × 2 at 12.34 %: commission ⌊1998 × 0.1234⌋ = 246 each, the MCN's ⌊246 × 0.3333⌋ = 81, the creator's 165.
    const order = () =>
      createPaidOrder(db.handle.db, { buyerId: buyer.id, creatorId: creator.id, linkId: link.id, paidAt: clock.now(), lines: [{ productId, unitPriceCents: 999, quantity: 2, commissionRateBp: 1_234 }] });
    const first = await order();
    const second = await order();
    await drain();
    const start = await roster();
    expect(start).toEqual({ share: 162, commission: 492, balance: 162 });
    expect(await ledger(mcn.mcnId)).toBe(162);

    // Half of the first order back while it is pending: ⌊81 × ½⌋ = 40 from the MCN, ⌊165 × ½⌋ = 82 from the creator.
    await refundOrder(db.handle.db, first, { perLine: [999], at: clock.now() });
    await drain();
    const afterPending = await roster();
    expect(await ledger(mcn.mcnId)).toBe(162 - 40);
    expect(start.share - afterPending.share).toBe(162 - (await ledger(mcn.mcnId)));
    expect(afterPending).toEqual({ share: 122, commission: 492 - 40 - 82, balance: 122 });

    // After confirmation the share sits in earnings; a partial refund of a confirmed order (500 of 1,998:
    // ⌊81 × 500 / 1998⌋ = 20) comes out of it, and the roster follows to the cent.
    await confirmOrder(db.handle.db, second, clock.now());
    await drain();
    const beforeConfirmedRefund = await ledger(mcn.mcnId);
    await refundOrder(db.handle.db, second, { perLine: [500], at: clock.now() });
    await drain();
    const afterConfirmed = await roster();
    expect(beforeConfirmedRefund - (await ledger(mcn.mcnId))).toBe(20);
    expect(afterPending.share - afterConfirmed.share).toBe(20);
    expect(afterConfirmed.share).toBe(await ledger(mcn.mcnId));

    // The rest of the first order refunded: its commission is fully reversed and drops out of both.
    await refundOrder(db.handle.db, first, { perLine: [999], refundedBeforeCents: 999, at: clock.now() });
    await drain();
    const final = await roster();
    expect(final.share).toBe(81 - 20);
    expect(final.share).toBe(await ledger(mcn.mcnId));
    expect(final.balance).toBe(final.share);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });
});
