import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, comments, commissions, creatorInvitations, follows, likes, notifications, posts, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { creatorsConsumers } from "../../server/creators/consumers";
import { COMMISSION_CREATED } from "../../server/distribution/commissions/events";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { emitEvent } from "../../server/jobs/emit-event";
import { createJobRunner } from "../../server/jobs/runner";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { createPaidOrder, createTestLink } from "../factories/distribution-earnings";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type Who = { user: CurrentUser; token: string };
type Candidate = { user: { id: string }; engagement30d: number; newFollowers30d: number; categoryFit: number; invitation: string | null };
type Funnel = { invited: number; applied: number; approved: number; firstSale: number };

const DAY = 86_400_000;

describe("/api/v1 recruitment: the candidate finder, invitations to apply and the funnel", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  let staff: Who;
  const beauty = `beauty-${Date.now().toString(36)}`;
  const food = `food-${Date.now().toString(36)}`;
  const catIds: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock });
    staff = await who(["staff"]);
    for (const [slug, zh] of [[beauty, "美妆"], [food, "美食"]] as const) {
      const [c] = await db.handle.db.insert(categories).values({ slug, nameZh: zh, nameEn: slug, createdAt: clock.now() }).returning();
      catIds[slug] = c!.id;
    }
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function who(roles: Role[] = []): Promise<Who> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("rc") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }
  const api = (path: string, init: { json?: unknown; as?: Who | null } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.json !== undefined ? "POST" : "GET",
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  const drain = () =>
    createJobRunner({
      db: db.handle.db,
      logger: createLogger({ level: "silent" }),
      clock,
      consumers: creatorsConsumers,
      context: { config: server.ctx.config, realtime: server.ctx.realtime },
    }).drain();

  /** A published note by `author` in `slug`, liked by `likers` fans `ageDays` ago, and commented on once. */
  async function noteWithEngagement(author: Who, slug: string, likers: Who[], ageDays = 1) {
    const at = new Date(clock.now().getTime() - ageDays * DAY);
    const [p] = await db.handle.db.insert(posts).values({ authorId: author.user.id, status: "published", title: "笔记", categoryId: catIds[slug]!, publishedAt: at, createdAt: at, updatedAt: at }).returning();
    for (const f of likers) await db.handle.db.insert(likes).values({ userId: f.user.id, postId: p!.id, createdAt: at });
    if (likers[0]) await db.handle.db.insert(comments).values({ postId: p!.id, authorId: likers[0].user.id, body: "好看", createdAt: at, updatedAt: at });
    return p!;
  }

  it("ranks members by 30-day engagement, growth and category fit, and never lists creators or staff", async () => {
    const fans = await Promise.all([1, 2, 3, 4, 5].map(() => who()));
    const rising = await who();
    const steady = await who();
    const foodie = await who();
    const stale = await who();
    const creator = await who(["creator"]);
    const colleague = await who(["staff"]);
    await noteWithEngagement(rising, beauty, fans);
    for (const f of fans.slice(0, 3)) await db.handle.db.insert(follows).values({ followerId: f.user.id, followeeId: rising.user.id, createdAt: clock.now() });
    await noteWithEngagement(steady, beauty, fans.slice(0, 2));
    await noteWithEngagement(foodie, food, fans);
    await noteWithEngagement(stale, beauty, fans, 45); // outside the 30-day window
    await noteWithEngagement(creator, beauty, fans);
    await noteWithEngagement(colleague, beauty, fans);

    const all = (await (await api("/creator-candidates?limit=100", { as: staff })).json()) as { candidates: Candidate[] };
    const ids = all.candidates.map((c) => c.user.id);
    expect(ids).not.toContain(creator.user.id);
    expect(ids).not.toContain(colleague.user.id);
    expect(ids).not.toContain(stale.user.id);
    expect(ids.indexOf(rising.user.id)).toBeLessThan(ids.indexOf(steady.user.id));
    const r = all.candidates.find((c) => c.user.id === rising.user.id)!;
    expect(r.engagement30d).toBe(5 + 2); // five likes, one comment counted twice
    expect(r.newFollowers30d).toBe(3);

    const fit = (await (await api(`/creator-candidates?category=${beauty}`, { as: staff })).json()) as { candidates: Candidate[] };
    const fitIds = fit.candidates.map((c) => c.user.id);
    expect(fitIds).toContain(rising.user.id);
    expect(fitIds).not.toContain(foodie.user.id);
    expect(fit.candidates.find((c) => c.user.id === rising.user.id)!.categoryFit).toBe(1);
    expect((await api("/creator-candidates?category=no-such", { as: staff })).status).toBe(200);
    expect((await api("/creator-candidates?limit=0", { as: staff })).status).toBe(422);
  });

  it("an invitation notifies the member once, links to the form, and walks the funnel to the first sale", async () => {
    const before = ((await (await api("/creator-invitations/funnel", { as: staff })).json()) as { funnel: Funnel }).funnel;
    const candidate = await who();
    const res = await api("/creator-invitations", { as: staff, json: { userId: candidate.user.id, category: beauty } });
    expect(res.status).toBe(201);
    expect((await api("/creator-invitations", { as: staff, json: { userId: candidate.user.id } })).status).toBe(409);
    await drain();
    const notes = await db.handle.db.select().from(notifications).where(and(eq(notifications.userId, candidate.user.id), sql`${notifications.data}->>'kind' = 'creatorInvitation'`));
    expect(notes).toHaveLength(1);
    expect((notes[0]!.data as { href: string }).href).toBe("/creator/apply");

    const step = async () => ((await (await api("/creator-invitations/funnel", { as: staff })).json()) as { funnel: Funnel }).funnel;
    expect(await step()).toEqual({ ...before, invited: before.invited + 1 });

    const applied = await api("/creator-applications", {
      as: candidate,
      json: { realName: "周一", contact: "zhou@example.test", region: "杭州", categories: [beauty] },
    });
    expect(applied.status).toBe(201);
    const app = ((await applied.json()) as { application: { id: string } }).application;
    expect(await step()).toEqual({ ...before, invited: before.invited + 1, applied: before.applied + 1 });

    expect((await api(`/creator-applications/${app.id}/decision`, { as: staff, json: { action: "approve" } })).status).toBe(200);
    expect(await step()).toEqual({ invited: before.invited + 1, applied: before.applied + 1, approved: before.approved + 1, firstSale: before.firstSale });
    const [inv] = await db.handle.db.select().from(creatorInvitations).where(eq(creatorInvitations.userId, candidate.user.id));
    expect(inv!.status).toBe("approved");

    // Their first attributed order and its commission (the row the commission pipeline writes): the funnel's last step.
    const { link, productId } = await createTestLink(db.handle.db, candidate.user.id);
    const buyer = await who();
    const order = await createPaidOrder(db.handle.db, { buyerId: buyer.user.id, creatorId: candidate.user.id, linkId: link.id, paidAt: clock.now(), lines: [{ productId, unitPriceCents: 10_000, commissionRateBp: 1_000 }] });
    await db.handle.db.insert(commissions).values({
      orderId: order.orderId,
      orderLineId: order.lines[0]!.lineId,
      linkId: link.id,
      creatorId: candidate.user.id,
      amountCents: 1_000,
      rateBp: 1_000,
      status: "pending",
      confirmableAt: new Date(clock.now().getTime() + 7 * DAY),
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    await db.handle.db.transaction((tx) => emitEvent(tx, { type: COMMISSION_CREATED, payload: { orderId: order.orderId, creatorId: candidate.user.id, linkId: link.id, commissionIds: [], amountCents: 1_000 }, occurredAt: clock.now() }));
    await drain();
    const [sold] = await db.handle.db.select().from(creatorInvitations).where(eq(creatorInvitations.userId, candidate.user.id));
    expect(sold).toMatchObject({ status: "first_sale", firstSaleAt: clock.now() });
    expect(await step()).toEqual({ invited: before.invited + 1, applied: before.applied + 1, approved: before.approved + 1, firstSale: before.firstSale + 1 });
  });

  it("refuses invitations to creators, staff, unknown members and bad input, changing nothing", async () => {
    const count = async () => (await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(creatorInvitations)).at(0)!.n;
    const before = await count();
    const creator = await who(["creator"]);
    const cases: [unknown, number][] = [
      [{ userId: creator.user.id }, 422],
      [{ userId: staff.user.id }, 422],
      [{ userId: "00000000-0000-4000-8000-000000000000" }, 422],
      [{ userId: "nope" }, 422],
      [{ userId: (await who()).user.id, category: "no-such" }, 422],
      [{}, 422],
    ];
    for (const [body, status] of cases) {
      const res = await api("/creator-invitations", { as: staff, json: body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(((await res.json()) as { error: { fields?: object } }).error.fields).toBeDefined();
    }
    expect(await count()).toBe(before);
  });
});
