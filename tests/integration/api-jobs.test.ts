import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxDeliveries, outboxEvents, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { emitEvent } from "../../server/jobs/emit-event";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { createTestUser, logInAs } from "../factories/users";

/** The dead-letter operations of /api/v1 as staff and everyone else would call them. */
describe("API: outbox dead letters", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const cookies: Partial<Record<Role | "visitor", string>> = {};
  let eventId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db);
    for (const role of ["member", "creator", "mcn_admin", "staff", "admin"] as const) {
      const { user, password } = await createTestUser(db.handle.db, { roles: [role] });
      cookies[role] = (await logInAs(server.url, user.handle, password)).cookie;
    }
    const now = new Date();
    eventId = await db.handle.db.transaction((tx) =>
      emitEvent(tx, { type: "test.thing.happened", payload: { n: 1 }, occurredAt: now }),
    );
    await db.handle.db.update(outboxEvents).set({ fannedOutAt: now }).where(eq(outboxEvents.id, eventId));
    await db.handle.db.insert(outboxDeliveries).values([
      { eventId, consumer: "test.broken", status: "dead", attempts: 8, availableAt: now, lastError: "boom", updatedAt: now },
      { eventId, consumer: "test.fine", status: "delivered", attempts: 1, availableAt: now, deliveredAt: now, updatedAt: now },
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const call = (path: string, who: keyof typeof cookies, init: RequestInit = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      ...init,
      headers: { "content-type": "application/json", ...(cookies[who] ? { cookie: cookies[who]! } : {}), ...init.headers },
    });

  it.each([
    ["visitor", 401],
    ["member", 403],
    ["creator", 403],
    ["mcn_admin", 403],
    ["staff", 200],
    ["admin", 200],
  ] as const)("lets only staff and admins see dead deliveries (%s → %i)", async (who, status) => {
    const res = await call("/ops/outbox/dead", who);
    expect(res.status).toBe(status);
    if (status === 200) {
      const body = (await res.json()) as { items: { eventId: number; consumer: string; lastError: string }[] };
      expect(body.items).toEqual([expect.objectContaining({ eventId, consumer: "test.broken", lastError: "boom" })]);
    }
  });

  it("refuses a member's retry and changes nothing", async () => {
    const res = await call(`/ops/outbox/dead/${eventId}/test.broken/retry`, "member", { method: "POST" });
    expect(res.status).toBe(403);
    const [row] = await db.handle.db
      .select()
      .from(outboxDeliveries)
      .where(and(eq(outboxDeliveries.eventId, eventId), eq(outboxDeliveries.consumer, "test.broken")));
    expect(row!.status).toBe("dead");
  });

  it("answers bad input with field messages, never a 500", async () => {
    const bad = await call("/ops/outbox/dead?limit=0", "staff");
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toHaveProperty("limit");
    const badId = await call("/ops/outbox/dead/not-a-number/test.broken/retry", "staff", { method: "POST" });
    expect(badId.status).toBe(422);
    const delivered = await call(`/ops/outbox/dead/${eventId}/test.fine/retry`, "staff", { method: "POST" });
    expect(delivered.status).toBe(409); // retrying a delivered one would deliver twice
    const missing = await call(`/ops/outbox/dead/${eventId + 999}/test.broken/retry`, "staff", { method: "POST" });
    expect(missing.status).toBe(404);
  });

  it("lets staff put a dead delivery back in the queue", async () => {
    const res = await call(`/ops/outbox/dead/${eventId}/test.broken/retry`, "staff", { method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ eventId, consumer: "test.broken" });
    const [row] = await db.handle.db
      .select()
      .from(outboxDeliveries)
      .where(and(eq(outboxDeliveries.eventId, eventId), eq(outboxDeliveries.consumer, "test.broken")));
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    const list = (await (await call("/ops/outbox/dead", "admin")).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    const again = await call("/ops/outbox/dead/retry", "admin", { method: "POST", body: "{}" });
    expect(await again.json()).toEqual({ count: 0 });
  });
});
