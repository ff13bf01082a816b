import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkins, journalEntries, makeupCards } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { awardPoints } from "../../server/gamification";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { checkLedgerInvariants } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };

describe("/api/v1 check-in: dailyCheckIn, calendar, make-up cards", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  // 2026-03-10 23:30 in Shanghai.
  const clock = new FixedClock("2026-03-10T15:30:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    server = await startTestServer(db, { clock });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function member(roles: ("staff" | "creator")[] = []): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { now: new Date("2026-01-01T00:00:00Z"), roles, handle: uniqueHandle("ck") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }

  const api = (path: string, init: { method?: string; as?: Member | null; body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? "GET",
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "zh-CN",
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    });

  it("answers visitors 401 on every check-in operation", async () => {
    const calls: [string, string, unknown?][] = [
      ["POST", "/checkins"],
      ["GET", "/checkins/calendar"],
      ["POST", "/checkins/makeup", { date: "2026-03-09" }],
      ["POST", "/makeup-cards", {}],
      ["GET", "/ops/checkin-settings"],
    ];
    for (const [method, path, body] of calls) {
      const res = await api(path, { method, body });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it("checks in once when 30 requests race, and a repeat answers alreadyCheckedIn", async () => {
    const m = await member();
    const responses = await Promise.all(Array.from({ length: 30 }, () => api("/checkins", { method: "POST", as: m })));
    expect(responses.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { alreadyCheckedIn: boolean; points: number; streak: number; localDate: string }[];
    expect(bodies.filter((b) => !b.alreadyCheckedIn)).toHaveLength(1);
    expect(bodies.find((b) => !b.alreadyCheckedIn)).toMatchObject({ points: 5, streak: 1, localDate: "2026-03-10" });
    expect(await db.handle.db.select().from(checkins).where(eq(checkins.userId, m.user.id))).toHaveLength(1);
    expect(await db.handle.db.select().from(journalEntries).where(like(journalEntries.idempotencyKey, `points:checkin:${m.user.id}:%`))).toHaveLength(1);

    const calendar = (await (await api("/checkins/calendar", { as: m })).json()) as { checkedInToday: boolean; streak: number; nextBonus: unknown };
    expect(calendar).toMatchObject({ checkedInToday: true, streak: 1, nextBonus: { days: 7, inDays: 6, points: 20 } });
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("refuses bad input on every operation with 4xx field messages and changes nothing", async () => {
    const m = await member();
    const cases: [string, string, unknown, string][] = [
      ["POST", "/checkins", { extra: 1 }, "extra"],
      ["POST", "/checkins", "not json", "_"],
      ["GET", "/checkins/calendar?month=2026-3", undefined, "month"],
      ["GET", "/checkins/calendar?colour=red", undefined, "colour"],
      ["POST", "/checkins/makeup", {}, "date"],
      ["POST", "/checkins/makeup", { date: "2026-02-30" }, "date"],
      ["POST", "/checkins/makeup", { date: 20260309 }, "date"],
      ["POST", "/checkins/makeup", { date: "2026-03-09", extra: true }, "extra"],
      ["POST", "/makeup-cards", { requestKey: "short" }, "requestKey"],
      ["POST", "/makeup-cards", { requestKey: 12345678 }, "requestKey"],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await api(path, { method, as: m, body });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBeLessThan(500);
      const error = ((await res.json()) as ApiError).error;
      if (field !== "_") expect(Object.keys(error.fields ?? {}), `${method} ${path}`).toContain(field);
    }
    expect(await db.handle.db.select().from(checkins).where(eq(checkins.userId, m.user.id))).toHaveLength(0);
    expect(await db.handle.db.select().from(makeupCards).where(eq(makeupCards.userId, m.user.id))).toHaveLength(0);
  });

  it("explains a refused make-up in the reader's language", async () => {
    const m = await member();
    const noCard = await api("/checkins/makeup", { method: "POST", as: m, body: { date: "2026-03-09" } });
    expect(noCard.status).toBe(409);
    expect(((await noCard.json()) as ApiError).error.message).toContain("补签卡");
    const tooOld = await api("/checkins/makeup", { method: "POST", as: m, body: { date: "2026-03-02" } });
    expect(tooOld.status).toBe(422);
    expect(((await tooOld.json()) as ApiError).error.fields).toEqual({ date: ["这一天太久了，补签卡只能补最近几天。"] });
    const poor = await api("/makeup-cards", { method: "POST", as: m, body: {} });
    expect(poor.status).toBe(409);
    expect(((await poor.json()) as ApiError).error.message).toBe("积分不足，兑换不了补签卡。");
  });

  it("buys a card once per Idempotency-Key and uses it on a missed day", async () => {
    const m = await member();
    const at = clock.now();
    await db.handle.db.transaction((tx) =>
      awardPoints(tx, { userId: m.user.id, ruleKey: "post.featured", idempotencyKey: `points:test:${m.user.id}`, occurredAt: at, now: at, timeZone: "Asia/Shanghai" }),
    );
    const buy = () => api("/makeup-cards", { method: "POST", as: m, body: {}, headers: { "idempotency-key": "app-7f3c9a21" } });
    const first = await buy();
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ created: true, pointsSpent: 50, cardsAvailable: 1, pointsBalance: 0 });
    const retry = await buy();
    expect(await retry.json()).toMatchObject({ created: false, pointsSpent: 0, cardsAvailable: 1, pointsBalance: 0 });

    const used = await api("/checkins/makeup", { method: "POST", as: m, body: { date: "2026-03-08" } });
    expect(used.status).toBe(200);
    expect(await used.json()).toMatchObject({ localDate: "2026-03-08", filledStreak: 1, streak: 0, cardsAvailable: 0, usesLeftThisMonth: 1 });
    const calendar = (await (await api("/checkins/calendar?month=2026-03", { as: m })).json()) as { days: { date: string; madeUp: boolean }[] };
    expect(calendar.days.find((d) => d.date === "2026-03-08")).toMatchObject({ madeUp: true });
  });

  it("lets only staff read and change the check-in setting", async () => {
    const m = await member();
    const staff = await member(["staff"]);
    expect((await api("/ops/checkin-settings", { as: m })).status).toBe(403);
    const read = await api("/ops/checkin-settings", { as: staff });
    expect(read.status).toBe(200);
    const current = (await read.json()) as Record<string, unknown>;
    expect(current).toMatchObject({ streakBonuses: [{ days: 7, ruleKey: "checkin.streak7" }], makeupUsesPerMonth: 2 });
    expect((await api("/ops/checkin-settings", { method: "PUT", as: m, body: current })).status).toBe(403);
    const bad = await api("/ops/checkin-settings", { method: "PUT", as: staff, body: { ...current, makeupWindowDays: 0 } });
    expect(bad.status).toBe(422);
    expect(Object.keys(((await bad.json()) as ApiError).error.fields ?? {})).toContain("makeupWindowDays");
    const ok = await api("/ops/checkin-settings", { method: "PUT", as: staff, body: { ...current, makeupCardPrice: 80 } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ makeupCardPrice: 80 });
    await api("/ops/checkin-settings", { method: "PUT", as: staff, body: current });
  });
});
