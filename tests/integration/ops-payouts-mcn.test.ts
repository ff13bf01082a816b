import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as rosterView from "../../app/routes/mcn.$id";
import * as payoutsPage from "../../app/routes/ops.payouts";
import type { Role } from "../../db/schema";
import { requestMcnPayout } from "../../server/creators/mcn";
import { commissionsConsumers, listPayoutQueue, requestPayout } from "../../server/distribution";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { createJobRunner } from "../../server/jobs/runner";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { createTestMcn, signTestCreator } from "../factories/creators-mcn";
import { confirmOrder, createPaidOrder, createTestLink } from "../factories/distribution-earnings";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

type QueueRow = { id: string; ownerId: string; owner: { handle: string } | null; mcn: { id: string; name: string } | null; amountCents: number };

describe("/ops/payouts names an MCN's payout by the MCN, linking to its roster", () => {
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

  async function cookieFor(userId: string) {
    const session = await createSession(ctx.db, { userId, now: clock.now() });
    return sessionCookie(ctx, session).split(";")[0]!;
  }
  async function account(roles: Role[] = []) {
    const { user } = await createTestUser(ctx.db, { roles, now: clock.now() });
    return { user, cookie: await cookieFor(user.id) };
  }
  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);

  it("shows the MCN's name instead of its id, and staff following the link read its roster; others may not", async () => {
    const mcn = await createTestMcn(ctx, "星芽传媒 测试");
    const { creator } = await signTestCreator(ctx, mcn, { shareBp: 5_000, startsOn: "2026-11-01" });
    const { link, productId } = await createTestLink(db.handle.db, creator.id);
    const buyer = (await createTestUser(db.handle.db)).user;
    const order = await createPaidOrder(db.handle.db, { buyerId: buyer.id, creatorId: creator.id, linkId: link.id, paidAt: clock.now(), lines: [{ productId, unitPriceCents: 200_000, commissionRateBp: 1_000 }] });
    const drain = () => createJobRunner({ db: db.handle.db, logger: createLogger({ level: "silent" }), clock, consumers: [...commissionsConsumers], context: { config: ctx.config, realtime: ctx.realtime } }).drain();
    await drain();
    await confirmOrder(db.handle.db, order, clock.now());
    await drain();
    await requestMcnPayout(ctx, mcn.admin, mcn.mcnId, { amountCents: 6_000 });
    // The creator's own half of the commission, withdrawn too: a member's payout keeps their name and handle.
    await requestPayout(ctx, creator, { amountCents: 7_000 });

    const staff = await account(["staff"]);
    const page = (await (await get(asRoute(payoutsPage), "/ops/payouts", staff.cookie)).json()) as { payouts: QueueRow[] };
    const row = page.payouts.find((p) => p.ownerId === mcn.mcnId)!;
    expect(row).toMatchObject({ owner: null, mcn: { id: mcn.mcnId, name: "星芽传媒 测试" }, amountCents: 6_000 });
    expect(page.payouts.find((p) => p.ownerId === creator.id)).toMatchObject({ owner: { handle: creator.handle }, mcn: null, amountCents: 7_000 });
    // The same view over the API's staff queue.
    expect((await listPayoutQueue(ctx, staff.user, {})).find((p) => p.id === row.id)).toMatchObject({ mcn: { id: mcn.mcnId, name: "星芽传媒 测试" } });

    // The link target: /mcn/<id>, read only, with the creator on the roster and the MCN's balance.
    const roster = (await (await get(asRoute(rosterView), `/mcn/${mcn.mcnId}`, staff.cookie, { id: mcn.mcnId })).json()) as {
      roster: { mcn: { name: string }; rows: { contract: { creator: { id: string } }; mcnShareCents: number }[]; earningsCents: number };
    };
    expect(roster.roster.mcn.name).toBe("星芽传媒 测试");
    expect(roster.roster.rows).toEqual([expect.objectContaining({ contract: expect.objectContaining({ creator: expect.objectContaining({ id: creator.id }) }), mcnShareCents: 10_000 })]);
    expect(roster.roster.earningsCents).toBe(4_000);

    // The MCN's own admin is sent to their own page; members and other MCNs' admins learn nothing.
    const own = await thrown(get(asRoute(rosterView), `/mcn/${mcn.mcnId}`, await cookieFor(mcn.admin.id), { id: mcn.mcnId }));
    expect([own.status, own.headers.get("location")]).toEqual([302, "/mcn"]);
    const member = await account();
    const other = await createTestMcn(ctx);
    for (const cookie of [member.cookie, await cookieFor(other.admin.id)]) {
      await expect(get(asRoute(rosterView), `/mcn/${mcn.mcnId}`, cookie, { id: mcn.mcnId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(get(asRoute(rosterView), "/mcn/not-an-id", staff.cookie, { id: "not-an-id" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await thrown(get(asRoute(rosterView), `/mcn/${mcn.mcnId}`, undefined, { id: mcn.mcnId }))).status).toBe(302);
  });
});
