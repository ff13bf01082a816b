import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxDeliveries, outboxEvents } from "../../db/schema";
import { action, loader } from "../../app/routes/ops.outbox";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createTestUser } from "../factories/users";
import type { Role } from "../../db/schema";

const PAGE = "http://localhost/ops/outbox";

/** The staff page's loader and action, called as Remix calls them, with a real session cookie. */
describe("staff page for failed outbox deliveries", () => {
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

  async function cookieFor(roles: Role[]) {
    const { user } = await createTestUser(ctx.db, { roles, now: ctx.clock.now() });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return sessionCookie(ctx, session).split(";")[0]!;
  }

  async function deadDelivery(consumer: string) {
    const now = ctx.clock.now();
    const [event] = await ctx.db
      .insert(outboxEvents)
      .values({ type: "content.post.published", payload: { postId: "p-1" }, occurredAt: now, fannedOutAt: now })
      .returning();
    await ctx.db.insert(outboxDeliveries).values({
      eventId: event!.id,
      consumer,
      status: "dead",
      attempts: 8,
      lastError: "Error: search engine unreachable\n    at index (search.ts:1:1)",
      availableAt: now,
      updatedAt: now,
    });
    return event!.id;
  }

  const get = (cookie?: string, query = "") =>
    loader({ request: new Request(PAGE + query, { headers: cookie ? { cookie } : {} }), context, params: {} });
  const post = (cookie: string, form: Record<string, string>) =>
    action({
      request: new Request(PAGE, { method: "POST", headers: { cookie }, body: new URLSearchParams(form) }),
      context,
      params: {},
    });
  const thrown = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof Response) return e;
      throw e;
    }
    throw new Error("expected a thrown response");
  };
  async function statusOf(eventId: number, consumer: string) {
    const [row] = await ctx.db
      .select()
      .from(outboxDeliveries)
      .where(and(eq(outboxDeliveries.eventId, eventId), eq(outboxDeliveries.consumer, consumer)));
    return row!;
  }

  it("sends a visitor to log in and shows a member the 403 page", async () => {
    const visitor = await thrown(get());
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toBe("/login?redirectTo=%2Fops%2Foutbox");

    const member = await cookieFor([]);
    expect((await thrown(get(member))).status).toBe(403);
    expect((await thrown(post(member, { intent: "retryAll" }))).status).toBe(403);
    const creator = await cookieFor(["creator"]);
    expect((await thrown(get(creator))).status).toBe(403);
  });

  it("lets staff see a dead delivery and retry it, and admins retry all", async () => {
    const eventId = await deadDelivery("search.indexPosts");
    const staff = await cookieFor(["staff"]);

    const page = await (await get(staff)).json();
    expect(page.items).toContainEqual({
      eventId,
      eventType: "content.post.published",
      consumer: "search.indexPosts",
      attempts: 8,
      lastError: "Error: search engine unreachable",
      diedAt: ctx.clock.now().toISOString(),
    });

    const retried = await post(staff, { intent: "retry", eventId: String(eventId), consumer: "search.indexPosts" });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ ok: true, retried: 1, all: false });
    expect(await statusOf(eventId, "search.indexPosts")).toMatchObject({ status: "pending", attempts: 0 });
    expect((await (await get(staff)).json()).items.map((d: { eventId: number }) => d.eventId)).not.toContain(eventId);

    // A second click (or a colleague's) finds nothing dead to retry: a message, not a 500.
    const again = await post(staff, { intent: "retry", eventId: String(eventId), consumer: "search.indexPosts" });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ ok: false, error: "gone" });

    const bad = await post(staff, { intent: "retry", eventId: "abc", consumer: "" });
    expect(bad.status).toBe(422);
    expect((await thrown(get(staff, "?cursor=garbage"))).status).toBe(400);

    const a = await deadDelivery("notifications.inbox");
    const b = await deadDelivery("notifications.inbox");
    const admin = await cookieFor(["admin"]);
    const all = await post(admin, { intent: "retryAll" });
    expect(await all.json()).toEqual({ ok: true, retried: 2, all: true });
    expect(await statusOf(a, "notifications.inbox")).toMatchObject({ status: "pending" });
    expect(await statusOf(b, "notifications.inbox")).toMatchObject({ status: "pending" });
    expect((await (await get(admin)).json()).items).toEqual([]);
  });
});
