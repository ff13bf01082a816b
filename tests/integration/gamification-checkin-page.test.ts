import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkins, makeupCards } from "../../db/schema";
import * as checkinPage from "../../app/routes/checkin";
import type { CurrentUser } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

type Args = { request: Request; context: AppLoadContext; params: Record<string, string> };
type Route = { loader: (args: Args) => Promise<Response>; action: (args: Args) => Promise<Response> };
const route = checkinPage as unknown as Route;

/** The /checkin page's loader and action, called as Remix calls them for plain form posts (no JavaScript). */
describe("/checkin page", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  const clock = new FixedClock("2026-03-10T04:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db, { clock });
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
  });
  afterAll(async () => {
    await db?.close();
  });

  async function signedIn(): Promise<{ user: CurrentUser; cookie: string }> {
    const { user } = await createTestUser(ctx.db, { now: new Date("2026-01-01T00:00:00Z") });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return { user, cookie: sessionCookie(ctx, session).split(";")[0]! };
  }

  const get = (path: string, cookie?: string) =>
    route.loader({ request: new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} }), context, params: {} });
  const post = (cookie: string | undefined, form: Record<string, string>) =>
    route.action({
      request: new Request("http://localhost/checkin", {
        method: "POST",
        headers: { ...(cookie ? { cookie } : {}), "accept-language": "zh-CN" },
        body: new URLSearchParams(form),
      }),
      context,
      params: {},
    });

  it("shows visitors what a check-in earns and sends their posts to log in", async () => {
    const page = (await (await get("/checkin")).json()) as { calendar: unknown; todayPoints: number };
    expect(page).toMatchObject({ calendar: null, todayPoints: 5 });
    const refused = await post(undefined, { intent: "checkin" }).catch((e: unknown) => e as Response);
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toContain("/login");
  });

  it("checks in with a plain form post and shows +5, the streak and today on the calendar", async () => {
    const { user, cookie } = await signedIn();
    const before = (await (await get("/checkin", cookie)).json()) as { calendar: { checkedInToday: boolean; nextBonus: unknown } };
    expect(before.calendar).toMatchObject({ checkedInToday: false, nextBonus: { days: 7, inDays: 7, points: 20 } });

    const res = await post(cookie, { intent: "checkin" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ intent: "checkin", ok: true, checkIn: { points: 5, streak: 1, alreadyCheckedIn: false } });
    const again = await post(cookie, { intent: "checkin" });
    expect(await again.json()).toMatchObject({ ok: true, checkIn: { alreadyCheckedIn: true, points: 0 } });

    const after = (await (await get("/checkin", cookie)).json()) as {
      calendar: { checkedInToday: boolean; streak: number; days: { date: string; checkedIn: boolean; isToday: boolean }[] };
    };
    expect(after.calendar).toMatchObject({ checkedInToday: true, streak: 1 });
    expect(after.calendar.days.find((d) => d.isToday)).toMatchObject({ date: "2026-03-10", checkedIn: true });
    expect(await ctx.db.select().from(checkins).where(eq(checkins.userId, user.id))).toHaveLength(1);
  });

  it("navigates months by link and ignores a month edited into nonsense", async () => {
    const { cookie } = await signedIn();
    const feb = (await (await get("/checkin?month=2026-02", cookie)).json()) as { calendar: { month: string; days: unknown[]; nextMonth: string } };
    expect(feb.calendar).toMatchObject({ month: "2026-02", nextMonth: "2026-03" });
    expect(feb.calendar.days).toHaveLength(28);
    const junk = (await (await get("/checkin?month=2026-99", cookie)).json()) as { calendar: { month: string } };
    expect(junk.calendar.month).toBe("2026-03");
  });

  it("explains a refused make-up in Chinese, then buys a card once per rendered form and fills a day", async () => {
    const { user, cookie } = await signedIn();
    const noCard = await post(cookie, { intent: "makeup", date: "2026-03-08" });
    expect(noCard.status).toBe(409);
    expect(await noCard.json()).toMatchObject({ ok: false, error: "你还没有补签卡。连续签到 7 天可得一张，也可以用积分兑换。" });
    const future = await post(cookie, { intent: "makeup", date: "2026-03-11" });
    expect(future.status).toBe(422);
    expect(await future.json()).toMatchObject({ ok: false, error: "还没到的日子不能补签。", fields: { date: ["还没到的日子不能补签。"] } });
    const poor = await post(cookie, { intent: "buy", requestKey: "form-key-0001" });
    expect(poor.status).toBe(409);
    expect(await poor.json()).toMatchObject({ ok: false, error: "积分不足，兑换不了补签卡。" });
    expect(await ctx.db.select().from(makeupCards).where(eq(makeupCards.userId, user.id))).toHaveLength(0);

    await ctx.db.insert(makeupCards).values({ userId: user.id, source: "staff", idempotencyKey: `makeup:test:${user.id}`, acquiredAt: clock.now() });
    const filled = await post(cookie, { intent: "makeup", date: "2026-03-08" });
    expect(filled.status).toBe(200);
    expect(await filled.json()).toMatchObject({ ok: true, makeup: { localDate: "2026-03-08", cardsAvailable: 0, usesLeftThisMonth: 1 } });
    const page = (await (await get("/checkin", cookie)).json()) as { calendar: { days: { date: string; madeUp: boolean }[] } };
    expect(page.calendar.days.find((d) => d.date === "2026-03-08")).toMatchObject({ madeUp: true });

    const unknown = await post(cookie, { intent: "dance" }).catch((e: unknown) => e as Response);
    expect(unknown.status).toBe(400);
  });
});
