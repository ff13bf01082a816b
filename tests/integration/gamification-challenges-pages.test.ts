import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, challenges, type Role } from "../../db/schema";
import * as detailPage from "../../app/routes/challenges.$id";
import * as listPage from "../../app/routes/challenges._index";
import * as newPage from "../../app/routes/challenges.new";
import { ensureDefaultCategories } from "../../server/content";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createNote } from "./feeds-fixtures";

type Args = { request: Request; context: AppLoadContext; params: Record<string, string> };
type Route = { loader?: (args: Args) => unknown; action?: (args: Args) => unknown };
const asRoute = (module: object) => module as Route;

/** The challenge pages' loaders and actions, called as Remix calls them for plain form posts (no JavaScript). */
describe("challenge pages", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  const clock = new FixedClock("2026-03-10T04:00:00Z");
  let staff: string;
  let member: { cookie: string; id: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db, { clock });
    context = { ...ctx, requestId: "test", cspNonce: "nonce", clientIp: "10.0.0.1" } as AppLoadContext;
    await ensureDefaultCategories(ctx.db, clock.now());
    staff = (await signedIn(["staff"])).cookie;
    member = await signedIn([]);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function signedIn(roles: Role[]) {
    const { user } = await createTestUser(ctx.db, { roles, now: new Date("2026-01-01T00:00:00Z") });
    const session = await createSession(ctx.db, { userId: user.id, now: clock.now() });
    return { cookie: sessionCookie(ctx, session).split(";")[0]!, id: user.id };
  }
  const call = async (fn: "loader" | "action", route: Route, path: string, options: { cookie?: string; form?: Record<string, string>; params?: Record<string, string> } = {}) => {
    const init: RequestInit = { headers: { ...(options.cookie ? { cookie: options.cookie } : {}), "accept-language": "zh-CN" } };
    if (options.form) Object.assign(init, { method: "POST", body: new URLSearchParams(options.form) });
    try {
      return (await route[fn]!({ request: new Request(`http://localhost${path}`, init), context, params: options.params ?? {} })) as Response;
    } catch (e) {
      if (e instanceof Response) return e;
      throw e;
    }
  };
  const form = {
    title: "21 天护肤打卡",
    description: "每天护肤",
    rules: "每天一篇笔记",
    startsOn: "2026-03-10",
    endsOn: "2026-04-08",
    requiredDays: "21",
    categorySlug: "beauty",
    proofRequired: "yes",
    makeupCardsAllowed: "2",
    rewardPoints: "200",
  };

  it("sends visitors to log in and shows plain members the 403 page on /challenges/new", async () => {
    const visitor = await call("loader", asRoute(newPage), "/challenges/new");
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toContain("/login");
    expect((await call("loader", asRoute(newPage), "/challenges/new", { cookie: member.cookie })).status).toBe(403);
    expect((await call("action", asRoute(newPage), "/challenges/new", { cookie: member.cookie, form })).status).toBe(403);
    expect((await call("loader", asRoute(newPage), "/challenges/new", { cookie: staff })).status).toBe(200);
  });

  it("puts field errors next to their fields, in Chinese, and creates nothing; a good form opens the new challenge", async () => {
    const bad = await call("action", asRoute(newPage), "/challenges/new", { cookie: staff, form: { ...form, endsOn: "2026-03-01", requiredDays: "40" } });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { result: { error: Record<string, string[]> } };
    expect(body.result.error.endsOn).toEqual(["结束日期不能早于开始日期。"]);
    const unknown = await call("action", asRoute(newPage), "/challenges/new", { cookie: staff, form: { ...form, categorySlug: "nope" } });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { result: { error: Record<string, string[]> } }).result.error.categorySlug).toEqual(["请从列表中选择分类。"]);
    expect(await ctx.db.select().from(challenges)).toHaveLength(0);

    const ok = await call("action", asRoute(newPage), "/challenges/new", { cookie: staff, form: { ...form, proofRequired: "no" } });
    expect(ok.status).toBe(302);
    const [created] = await ctx.db.select().from(challenges);
    expect(ok.headers.get("location")).toBe(`/challenges/${created!.id}`);
    expect(created).toMatchObject({ proofRequired: false, requiredDays: 21, makeupCardsAllowed: 2, rewardPoints: 200 });
  });

  it("lets a visitor read a challenge, and a member join and check in with today's note from plain forms", async () => {
    await call("action", asRoute(newPage), "/challenges/new", { cookie: staff, form: { ...form, title: "带凭证的挑战", requiredDays: "2" } });
    const [c] = await ctx.db.select().from(challenges).where(eq(challenges.title, "带凭证的挑战"));
    const params = { id: c!.id };
    const path = `/challenges/${c!.id}`;

    const visitor = (await (await call("loader", asRoute(detailPage), path, { params })).json()) as { challenge: { me: unknown; title: string } };
    expect(visitor.challenge).toMatchObject({ title: "带凭证的挑战", me: null });
    expect((await call("loader", asRoute(detailPage), "/challenges/nope", { params: { id: "nope" } })).status).toBe(404);
    expect((await call("action", asRoute(detailPage), path, { params, form: { intent: "join" } })).status).toBe(302);

    expect(await (await call("action", asRoute(detailPage), path, { cookie: member.cookie, params, form: { intent: "join" } })).json()).toMatchObject({ ok: true });
    const [beauty] = await ctx.db.select().from(categories).where(eq(categories.slug, "beauty"));
    const yesterday = await createNote(ctx.db, member.id, { publishedAt: new Date("2026-03-09T10:00:00Z"), categoryId: beauty!.id });
    const today = await createNote(ctx.db, member.id, { publishedAt: new Date("2026-03-10T02:00:00Z"), categoryId: beauty!.id });

    const page = (await (await call("loader", asRoute(detailPage), path, { cookie: member.cookie, params })).json()) as {
      candidates: { items: { id: string }[] };
    };
    expect(page.candidates.items.map((i) => i.id)).toEqual([today.id]);

    const refused = await call("action", asRoute(detailPage), path, { cookie: member.cookie, params, form: { intent: "checkin", postId: yesterday.id } });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ ok: false, fields: { postId: ["这篇笔记发布于挑战开始之前。"] } });
    const done = await call("action", asRoute(detailPage), path, { cookie: member.cookie, params, form: { intent: "checkin", postId: today.id } });
    expect(await done.json()).toMatchObject({ ok: true, intent: "checkin", day: 1 });

    const after = (await (await call("loader", asRoute(detailPage), path, { cookie: member.cookie, params })).json()) as {
      challenge: { me: { daysDone: number; checkedInToday: boolean }; myDates: string[] };
      board: { items: { daysDone: number }[] };
      activity: { kind: string }[];
    };
    expect(after.challenge.me).toMatchObject({ daysDone: 1, checkedInToday: true });
    expect(after.challenge.myDates).toEqual(["2026-03-10"]);
    expect(after.board.items[0]).toMatchObject({ rank: 1, daysDone: 1 });
    expect(after.activity.map((a) => a.kind)).toEqual(["checkedIn", "joined"]);

    const list = (await (await call("loader", asRoute(listPage), "/challenges?tab=joined", { cookie: member.cookie })).json()) as {
      tab: string;
      page: { items: { id: string; me: { daysDone: number } }[] };
    };
    expect(list.tab).toBe("joined");
    expect(list.page.items.map((i) => [i.id, i.me.daysDone])).toEqual([[c!.id, 1]]);
    const visitorList = (await (await call("loader", asRoute(listPage), "/challenges?tab=joined")).json()) as { tab: string; canCreate: boolean };
    expect(visitorList).toMatchObject({ tab: "active", canCreate: false });
  });
});
