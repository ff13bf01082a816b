import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tierPage from "../../app/routes/creator.tier";
import * as mcnPage from "../../app/routes/mcn._index";
import * as invitationsPage from "../../app/routes/mcn.invitations";
import * as newMcnPage from "../../app/routes/mcn.new";
import * as tierRulesPage from "../../app/routes/ops.creator-tiers";
import { mcnContracts, mcnInvitations, settings, type Role } from "../../db/schema";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

describe("tier and MCN pages: plain forms from founding an MCN to a signed creator on its roster", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
  });
  afterAll(async () => {
    await db?.close();
  });

  async function account(roles: Role[] = []) {
    const { user } = await createTestUser(ctx.db, { roles, now: ctx.clock.now() });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return { user, cookie: sessionCookie(ctx, session).split(";")[0]! };
  }
  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);
  const post: ReturnType<typeof routeCaller>["post"] = (...args) => routeCaller(context).post(...args);
  const day = (offset: number) => new Date(ctx.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);

  it("an MCN admin founds the MCN, invites in percent, the creator accepts, and the roster shows them", async () => {
    const admin = await account(["mcn_admin"]);
    const creator = await account(["creator"]);
    expect((await thrown(get(asRoute(mcnPage), "/mcn", admin.cookie))).headers.get("location")).toBe("/mcn/new");
    expect((await thrown(get(asRoute(mcnPage), "/mcn"))).status).toBe(302);
    expect((await thrown(get(asRoute(mcnPage), "/mcn", creator.cookie))).status).toBe(403);

    const short = await post(asRoute(newMcnPage), "/mcn/new", admin.cookie, { name: "x" });
    expect(short.status).toBe(422);
    expect((await short.json()).failure.fields.name).toHaveLength(1);
    expect((await post(asRoute(newMcnPage), "/mcn/new", admin.cookie, { name: "晨光传媒" })).headers.get("location")).toBe("/mcn");

    const bad = await post(asRoute(mcnPage), "/mcn", admin.cookie, { intent: "invite", creatorHandle: creator.user.handle, sharePercent: "95", startsOn: day(0), endsOn: day(300) });
    expect(bad.status).toBe(422);
    expect((await bad.json()).failure.fields.sharePercent).toHaveLength(1);
    expect(await ctx.db.select().from(mcnInvitations).where(eq(mcnInvitations.creatorId, creator.user.id))).toEqual([]);

    const sent = await post(asRoute(mcnPage), "/mcn", admin.cookie, { intent: "invite", creatorHandle: `@${creator.user.handle}`, sharePercent: "12.5", startsOn: day(0), endsOn: day(300) });
    expect(sent.status).toBe(200);
    const [inv] = await ctx.db.select().from(mcnInvitations).where(eq(mcnInvitations.creatorId, creator.user.id));
    expect(inv!.shareBp).toBe(1_250);

    const list = await (await get(asRoute(invitationsPage), "/mcn/invitations", creator.cookie)).json();
    expect(list.invitations.map((i: { mcn: { name: string }; status: string }) => [i.mcn.name, i.status])).toEqual([["晨光传媒", "invited"]]);
    const accepted = await post(asRoute(invitationsPage), "/mcn/invitations", creator.cookie, { intent: "accept", id: inv!.id });
    expect((await accepted.json()).done).toBe("accepted");
    expect(await ctx.db.select().from(mcnContracts).where(eq(mcnContracts.creatorId, creator.user.id))).toHaveLength(1);

    const page = await (await get(asRoute(mcnPage), "/mcn", admin.cookie)).json();
    expect(page.roster.rows.map((r: { contract: { creator: { id: string } } }) => r.contract.creator.id)).toEqual([creator.user.id]);
  });

  it("a creator sees their tier and progress; staff save tier rules and a bad value changes nothing", async () => {
    const creator = await account(["creator"]);
    const member = await account();
    const view = await (await get(asRoute(tierPage), "/creator/tier", creator.cookie)).json();
    expect(view.tier).toMatchObject({ tier: "C1", multiplierBp: 10_000, next: expect.objectContaining({ tier: "C2" }) });
    expect((await thrown(get(asRoute(tierPage), "/creator/tier", member.cookie))).status).toBe(403);

    const staff = await account(["staff"]);
    expect((await thrown(get(asRoute(tierRulesPage), "/ops/creator-tiers", creator.cookie))).status).toBe(403);
    const form: Record<string, string> = { graceDays: "14", "mult.C1": "1", "mult.C2": "1.05", "mult.C3": "1.1", "mult.C4": "1.25" };
    for (const [tier, f, e, g, m] of [["C2", 300, 800, 50, 1500], ["C3", 3000, 8000, 500, 15000], ["C4", 30000, 80000, 5000, 150000]] as const) {
      Object.assign(form, { [`${tier}.followers`]: String(f), [`${tier}.engagement30d`]: String(e), [`${tier}.fanGroupSize`]: String(g), [`${tier}.gmv30dCents`]: String(m) });
    }
    const bad = await post(asRoute(tierRulesPage), "/ops/creator-tiers", staff.cookie, { ...form, "C3.followers": "100" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).failure.fields["thresholds.C3.followers"]).toHaveLength(1);
    expect(await ctx.db.select().from(settings).where(eq(settings.key, "creators.tiers"))).toEqual([]);
    const ok = await post(asRoute(tierRulesPage), "/ops/creator-tiers", staff.cookie, form);
    expect((await ok.json()).ok).toBe(true);
    const saved = await (await get(asRoute(tierRulesPage), "/ops/creator-tiers", staff.cookie)).json();
    expect(saved.settings.multipliersBp.C4).toBe(12_500);
    expect(saved.settings.thresholds.C2.gmv30dCents).toBe(150_000);
  });
});
