import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import type { CurrentUser } from "../../server/identity";
import { emitEvent } from "../../server/jobs";
import { createJobRunner } from "../../server/jobs/runner";
import { notificationConsumers, type NotificationView } from "../../server/notifications";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, createTokenAs, logInAs, testIp } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Page = { items: NotificationView[]; nextCursor: string | null; unreadCount: number };

describe("/api/v1 notifications: list, mark read, unread count", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-23T02:00:00Z");
  let author: { user: CurrentUser; cookie: string };
  let fan: { user: CurrentUser; cookie: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db, { clock });
    const a = await createTestUser(db.handle.db, { displayName: "作者" });
    const f = await createTestUser(db.handle.db, { displayName: "小红" });
    author = await logInAs(server.url, a.user.handle);
    fan = await logInAs(server.url, f.user.handle);

    // The fan likes two of the author's notes and follows them; the author follows back.
    const now = clock.now();
    const notes = await db.handle.db
      .insert(posts)
      .values(["第一篇", "第二篇"].map((title) => ({ authorId: a.user.id, title, status: "published" as const, publishedAt: now, createdAt: now, updatedAt: now })))
      .returning();
    await db.handle.db.transaction(async (tx) => {
      for (const note of notes) {
        await emitEvent(tx, { type: "content.post.liked", payload: { postId: note.id, userId: f.user.id, authorId: a.user.id, categoryId: null }, occurredAt: now });
      }
      await emitEvent(tx, { type: "content.user.followed", payload: { followerId: f.user.id, followeeId: a.user.id }, occurredAt: now });
      await emitEvent(tx, { type: "content.user.followed", payload: { followerId: a.user.id, followeeId: f.user.id }, occurredAt: now });
    });
    await createJobRunner({
      db: db.handle.db,
      logger: server.ctx.logger,
      clock,
      consumers: notificationConsumers,
      context: { config: server.ctx.config, realtime: server.ctx.realtime },
    }).drain();
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const api = (path: string, init: { cookie?: string; token?: string; json?: unknown } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.json === undefined ? "GET" : "POST",
      headers: {
        "x-forwarded-for": testIp(),
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.json === undefined ? {} : { "content-type": "application/json" }),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });

  it("asks visitors to log in", async () => {
    for (const res of [
      await api("/me/notifications"),
      await api("/me/notifications/unread-count"),
      await api("/me/notifications/read", { json: { all: true } }),
    ]) {
      expect(res.status).toBe(401);
    }
  });

  it("lists the member's own notifications, newest first, with the unread count", async () => {
    const res = await api("/me/notifications", { cookie: author.cookie });
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    expect(page.unreadCount).toBe(3);
    expect(page.items.map((n) => n.type).sort()).toEqual(["follow", "like", "like"]);
    const like = page.items.find((n) => n.type === "like")!;
    expect(like).toMatchObject({ actorCount: 1, read: false, actors: [{ id: fan.user.id, displayName: "小红" }], subject: { type: "post" } });
    expect(["第一篇", "第二篇"]).toContain(like.subject.title);

    const fanPage = (await (await api("/me/notifications", { cookie: fan.cookie })).json()) as Page;
    expect(fanPage.items.map((n) => [n.type, n.actors[0]!.id])).toEqual([["follow", author.user.id]]);
  });

  it("pages with the cursor it hands out, also for an app using an access token", async () => {
    const token = await createTokenAs(server.url, author.cookie, "phone");
    const first = (await (await api("/me/notifications?limit=2", { token })).json()) as Page;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await (await api(`/me/notifications?limit=2&cursor=${first.nextCursor}`, { token })).json()) as Page;
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((n) => n.id)).size).toBe(3);
  });

  it("answers bad paging input with 422 and field messages", async () => {
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=abc", "limit"],
      ["limit=51", "limit"],
      ["cursor=not-ours", "cursor"],
    ] as const) {
      const res = await api(`/me/notifications?${query}`, { cookie: author.cookie });
      expect(res.status, query).toBe(422);
      const body = (await res.json()) as ApiError;
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(body.error.fields?.[field]?.length, query).toBeGreaterThan(0);
    }
  });

  it("marks read only the caller's own notifications and rejects malformed requests", async () => {
    const countOf = async (cookie: string) =>
      ((await (await api("/me/notifications/unread-count", { cookie })).json()) as { unreadCount: number }).unreadCount;
    const fansOwn = ((await (await api("/me/notifications", { cookie: fan.cookie })).json()) as Page).items.map((n) => n.id);
    const before = await countOf(author.cookie);

    for (const [json, field] of [
      [{}, "_"],
      [{ ids: [] }, "ids"],
      [{ ids: ["not-an-id"] }, "ids.0"],
      [{ all: "yes" }, "all"],
      [{ all: true, ids: fansOwn }, "all"],
    ] as const) {
      const res = await api("/me/notifications/read", { cookie: author.cookie, json });
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(((await res.json()) as ApiError).error.fields?.[field], JSON.stringify(json)).toBeDefined();
    }
    const notJson = await fetch(`${server.url}/api/v1/me/notifications/read`, {
      method: "POST",
      headers: { cookie: author.cookie, "content-type": "application/json", "x-forwarded-for": testIp() },
      body: "{ids:",
    });
    expect(notJson.status).toBe(400);

    // The fan's notification ids, sent by the author: nothing changes for either of them.
    const foreign = await api("/me/notifications/read", { cookie: author.cookie, json: { ids: fansOwn } });
    expect(await foreign.json()).toEqual({ marked: 0, unreadCount: before });
    expect(await countOf(fan.cookie)).toBe(1);

    const all = await api("/me/notifications/read", { cookie: author.cookie, json: { all: true } });
    expect(all.status).toBe(200);
    expect(await all.json()).toEqual({ marked: before, unreadCount: 0 });
    expect(await countOf(author.cookie)).toBe(0);
    expect(await countOf(fan.cookie)).toBe(1);
  });

  it("documents listNotifications and its siblings in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((op) => op.operationId));
    expect(ids).toEqual(expect.arrayContaining(["listNotifications", "markNotificationsRead", "countUnreadNotifications"]));
    // Nothing else was written by reading the inbox.
    const [row] = (await db.handle.db.execute<{ n: number }>(sql`select count(*)::int as n from notifications`)) as unknown as { n: number }[];
    expect(Number(row!.n)).toBe(4);
  });
});
