import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mcnContracts, mcnInvitations, mcns, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { rowsOf } from "../../server/shared/sql-rows";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type Who = { user: CurrentUser; token: string } | null;

describe("/api/v1 MCN operations: who may do what, and bad input changes nothing", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  const as: Record<string, Who> = {};
  let mcnId: string;
  let otherMcnId: string;

  async function person(roles: Role[]): Promise<{ user: CurrentUser; token: string }> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("k") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }
  const api = (path: string, init: { json?: unknown; who?: Who; method?: string } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.who ? { authorization: `Bearer ${init.who.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  const terms = (handle: string) => ({ creatorHandle: handle, shareBp: 2_000, startsOn: "2026-12-01", endsOn: "2027-12-01" });

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock });
    as.visitor = null;
    as.member = await person([]);
    as.creator = await person(["creator"]);
    as.mcnAdmin = await person(["mcn_admin"]);
    as.otherMcnAdmin = await person(["mcn_admin"]);
    as.staff = await person(["staff"]);
    as.admin = await person(["admin"]);
    const a = await api("/mcns", { json: { name: "星芽传媒" }, who: as.mcnAdmin });
    expect(a.status).toBe(201);
    mcnId = ((await a.json()) as { mcn: { id: string } }).mcn.id;
    const b = await api("/mcns", { json: { name: "Other Media" }, who: as.otherMcnAdmin });
    otherMcnId = ((await b.json()) as { mcn: { id: string } }).mcn.id;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  it("createMcn: only MCN admins (and admins), one MCN each, names unique", async () => {
    const expected: Record<string, number> = { visitor: 401, member: 403, creator: 403, staff: 403, mcnAdmin: 409, admin: 201 };
    for (const [role, status] of Object.entries(expected)) {
      const res = await api("/mcns", { json: { name: `Org ${role}` }, who: as[role] });
      expect([role, res.status]).toEqual([role, status]);
    }
    const taken = await api("/mcns", { json: { name: "星芽传媒" }, who: await person(["mcn_admin"]) });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { fields: Record<string, string[]> } }).error.fields.name).toEqual(["Another MCN already uses this name."]);
  });

  it("inviteToMcn: only this MCN's own admin; another MCN's admin, staff and the rest are refused", async () => {
    const target = await person(["creator"]);
    const expected: Record<string, number> = { visitor: 401, member: 403, creator: 403, staff: 403, otherMcnAdmin: 404, admin: 404 };
    for (const [role, status] of Object.entries(expected)) {
      const res = await api(`/mcns/${mcnId}/invitations`, { json: terms(target.user.handle), who: as[role] });
      expect([role, res.status]).toEqual([role, status]);
    }
    expect(await db.handle.db.select().from(mcnInvitations).where(eq(mcnInvitations.creatorId, target.user.id))).toEqual([]);
    const ok = await api(`/mcns/${mcnId}/invitations`, { json: terms(target.user.handle), who: as.mcnAdmin });
    expect(ok.status).toBe(201);
    const again = await api(`/mcns/${mcnId}/invitations`, { json: terms(target.user.handle), who: as.mcnAdmin });
    expect(again.status).toBe(409);
  });

  it("acceptMcnInvitation: only the invited creator; nobody else can sign for them", async () => {
    const target = await person(["creator"]);
    const inv = (await (await api(`/mcns/${mcnId}/invitations`, { json: terms(target.user.handle), who: as.mcnAdmin })).json()) as { invitation: { id: string } };
    const expected: Record<string, number> = { visitor: 401, member: 403, creator: 404, staff: 403, mcnAdmin: 403, otherMcnAdmin: 403, admin: 404 };
    for (const [role, status] of Object.entries(expected)) {
      const res = await api(`/me/mcn-invitations/${inv.invitation.id}/accept`, { json: {}, who: as[role] });
      expect([role, res.status]).toEqual([role, status]);
    }
    expect(await db.handle.db.select().from(mcnContracts).where(eq(mcnContracts.creatorId, target.user.id))).toEqual([]);
    const ok = await api(`/me/mcn-invitations/${inv.invitation.id}/accept`, { json: {}, who: target });
    expect(ok.status).toBe(201);
    expect(await api(`/me/mcn-invitations/${inv.invitation.id}/accept`, { json: {}, who: target }).then((r) => r.status)).toBe(409);
  });

  it("getMcnRoster: an MCN admin sees only their own roster; staff who review its payouts may read it", async () => {
    const expected: Record<string, number> = { visitor: 401, member: 404, creator: 404, staff: 200, otherMcnAdmin: 404, mcnAdmin: 200, admin: 200 };
    for (const [role, status] of Object.entries(expected)) {
      const res = await api(`/mcns/${mcnId}/roster`, { who: as[role] });
      expect([role, res.status]).toEqual([role, status]);
    }
    const body = (await (await api(`/mcns/${mcnId}/roster`, { who: as.mcnAdmin })).json()) as { rows: { contract: { mcn: { id: string } } }[] };
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.rows.every((r) => r.contract.mcn.id === mcnId)).toBe(true);
    expect((await api(`/mcns/${otherMcnId}/roster`, { who: as.mcnAdmin })).status).toBe(404);
  });

  it("giveMcnContractNotice: the signed creator or their MCN, nobody else", async () => {
    const target = await person(["creator"]);
    const inv = (await (await api(`/mcns/${mcnId}/invitations`, { json: terms(target.user.handle), who: as.mcnAdmin })).json()) as { invitation: { id: string } };
    const signed = (await (await api(`/me/mcn-invitations/${inv.invitation.id}/accept`, { json: {}, who: target })).json()) as { contract: { id: string } };
    for (const role of ["member", "creator", "staff", "otherMcnAdmin", "admin"]) {
      const res = await api(`/mcn-contracts/${signed.contract.id}/notice`, { json: { reason: "x" }, who: as[role] });
      expect([role, res.status]).toEqual([role, 404]);
    }
    expect((await api(`/mcn-contracts/${signed.contract.id}/notice`, { json: { reason: "x" } })).status).toBe(401);
    const ok = await api(`/mcn-contracts/${signed.contract.id}/notice`, { json: { reason: "restructuring" }, who: as.mcnAdmin });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { contract: { status: string } }).contract.status).toBe("ending");
  });

  it("declineMcnInvitation, requestMcnPayout, listMcnPayouts and the tier operations: each only for its own people", async () => {
    const target = await person(["creator"]);
    const inv = (await (await api(`/mcns/${mcnId}/invitations`, { json: terms(target.user.handle), who: as.mcnAdmin })).json()) as { invitation: { id: string } };
    for (const [role, status] of Object.entries({ visitor: 401, member: 403, creator: 404, staff: 403, mcnAdmin: 403, admin: 404 })) {
      expect([role, (await api(`/me/mcn-invitations/${inv.invitation.id}/decline`, { json: {}, who: as[role] })).status]).toEqual([role, status]);
    }
    expect((await api(`/me/mcn-invitations/${inv.invitation.id}/decline`, { json: {}, who: target })).status).toBe(200);

    // Nothing to withdraw yet: the MCN's own admin is answered on the balance (409), everyone else never reaches it.
    for (const [role, status] of Object.entries({ visitor: 401, member: 403, creator: 403, staff: 403, otherMcnAdmin: 404, admin: 404, mcnAdmin: 409 })) {
      expect([role, (await api(`/mcns/${mcnId}/payouts`, { json: { amountCents: 5_000 }, who: as[role] })).status]).toEqual([role, status]);
    }
    for (const [role, status] of Object.entries({ visitor: 401, member: 404, creator: 404, staff: 404, otherMcnAdmin: 404, admin: 200, mcnAdmin: 200 })) {
      expect([role, (await api(`/mcns/${mcnId}/payouts`, { who: as[role] })).status]).toEqual([role, status]);
    }

    for (const [role, status] of Object.entries({ visitor: 401, member: 403, creator: 200, mcnAdmin: 403, admin: 200 })) {
      expect([role, (await api("/me/creator-tier", { who: as[role] })).status]).toEqual([role, status]);
    }
    const current = ((await (await api("/creator-tiers/settings", { who: as.staff })).json()) as { settings: unknown }).settings;
    for (const [role, status] of Object.entries({ visitor: 401, member: 403, creator: 403, mcnAdmin: 403, staff: 200, admin: 200 })) {
      expect([role, (await api("/creator-tiers/settings", { method: "PUT", json: current, who: as[role] })).status]).toEqual([role, status]);
    }
    const bad = await api("/creator-tiers/settings", { method: "PUT", json: { ...(current as object), graceDays: 0 }, who: as.staff });
    expect(bad.status).toBe(422);
    expect(Object.keys(((await bad.json()) as { error: { fields: object } }).error.fields)).toEqual(["graceDays"]);
  });

  it("answers bad input on every operation with 4xx and field messages, changing nothing", async () => {
    const count = async () => Number(rowsOf<{ n: string }>(await db.handle.db.execute(sql`select (select count(*) from mcns) + (select count(*) from mcn_invitations) + (select count(*) from mcn_contracts) + (select count(*) from payouts) as n`))[0]!.n);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    const fresh = await person(["mcn_admin"]);
    const cases: [string, unknown, Who | undefined, number, string][] = [
      ["/mcns", { name: "x" }, fresh, 422, "name"],
      ["/mcns", { name: "好名字", owner: "me" }, fresh, 422, ""],
      ["/mcns", "not json object", fresh, 400, ""],
      [`/mcns/${mcnId}/invitations`, { ...terms(as.creator!.user.handle), shareBp: 9_500 }, as.mcnAdmin, 422, "shareBp"],
      [`/mcns/${mcnId}/invitations`, { ...terms(as.creator!.user.handle), shareBp: 1.5 }, as.mcnAdmin, 422, "shareBp"],
      [`/mcns/${mcnId}/invitations`, { ...terms(as.creator!.user.handle), endsOn: "2026-11-30" }, as.mcnAdmin, 422, "endsOn"],
      [`/mcns/${mcnId}/invitations`, terms("nobody-here"), as.mcnAdmin, 422, "creatorHandle"],
      [`/mcns/not-an-id/invitations`, terms(as.creator!.user.handle), as.mcnAdmin, 422, "mcnId"],
      [`/me/mcn-invitations/not-an-id/accept`, {}, as.creator, 422, "invitationId"],
      [`/mcn-contracts/00000000-0000-4000-8000-000000000000/notice`, { reason: "" }, as.creator, 422, "reason"],
      [`/mcns/${mcnId}/payouts`, { amountCents: -5 }, as.mcnAdmin, 422, "amountCents"],
      [`/mcns/${mcnId}/payouts`, { amountCents: 100 }, as.mcnAdmin, 422, "amountCents"],
      [`/mcns/${mcnId}/payouts`, { amountCents: "50" }, as.mcnAdmin, 422, "amountCents"],
    ];
    for (const [path, body, who, status, field] of cases) {
      const res = await api(path, { json: body, who });
      const json = (await res.json()) as { error?: { fields?: Record<string, string[]> } };
      expect([path, res.status]).toEqual([path, status]);
      if (field) expect(Object.keys(json.error?.fields ?? {})).toContain(field);
    }
    expect(await count()).toBe(before);
    expect(await db.handle.db.select().from(mcns).where(eq(mcns.adminId, fresh.user.id))).toEqual([]);
  });
});
