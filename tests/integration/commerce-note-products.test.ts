import type { AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as editPage from "../../app/routes/n.$id_.edit";
import { postProducts, posts } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { FixedClock } from "../../server/shared/clock";
import { createTestProduct } from "../factories/commerce";
import { asRoute, routeCaller } from "../factories/routes";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; fields?: Record<string, string[]> } };
type Post = { id: string; products: { id: string; title: string; priceCents: number; coverUrl: string | null; available: boolean }[] };

describe("notes with linked products (up to 5 on sale)", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  let author: { user: CurrentUser; token: string; cookie: string };

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 3 });
    server = await startTestServer(db, { clock });
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), handle: uniqueHandle("n") });
    const session = await createSession(db.handle.db, { userId: user.id, now: clock.now() });
    author = { user, token: (await createAccessToken(server.ctx, user.id, { name: "test" })).token, cookie: sessionCookie(server.ctx, session).split(";")[0]! };
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const api = (path: string, init: { method?: string; json?: unknown } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: { "x-forwarded-for": testIp(), "accept-language": "en", "content-type": "application/json", authorization: `Bearer ${author.token}` },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });

  it("shows the linked products as cards in the author's order, and replaces them on edit", async () => {
    const a = await createTestProduct(db.handle.db, { title: "保湿面霜", priceCents: 16_800 });
    const b = await createTestProduct(db.handle.db, { title: "卸妆油", priceCents: 9_900, stock: 0 });
    const created = await api("/posts", { json: { title: "秋冬护肤分享", body: "用了一个月的心得", publish: false, productIds: [b.id, a.id] } });
    expect(created.status, await created.clone().text()).toBe(201);
    const post = ((await created.json()) as { post: Post }).post;
    expect(post.products.map((p) => [p.title, p.priceCents, p.available])).toEqual([
      ["卸妆油", 9_900, false],
      ["保湿面霜", 16_800, true],
    ]);
    const edited = await api(`/posts/${post.id}`, { method: "PATCH", json: { productIds: [a.id] } });
    expect(((await edited.json()) as { post: Post }).post.products.map((p) => p.id)).toEqual([a.id]);
    // Other edits leave the products alone.
    const retitled = await api(`/posts/${post.id}`, { method: "PATCH", json: { title: "秋冬护肤分享（更新）" } });
    expect(((await retitled.json()) as { post: Post }).post.products.map((p) => p.id)).toEqual([a.id]);
  });

  it("refuses more than 5, unknown, repeated or unavailable products with a field message and writes nothing", async () => {
    const six = await Promise.all(Array.from({ length: 6 }, (_, i) => createTestProduct(db.handle.db, { title: `商品 ${i}` })));
    const draft = await createTestProduct(db.handle.db, { title: "草稿商品", status: "draft" });
    const [{ n: before }] = (await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(posts)) as [{ n: number }];
    for (const productIds of [six.map((p) => p.id), [draft.id], ["00000000-0000-4000-8000-000000000000"], [six[0]!.id, six[0]!.id]]) {
      const res = await api("/posts", { json: { title: "不该保存", publish: false, productIds } });
      expect(res.status).toBe(422);
      expect(((await res.json()) as ApiError).error.fields?.productIds?.length).toBe(1);
    }
    const [{ n: after }] = (await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(posts)) as [{ n: number }];
    expect(after).toBe(before);

    const ok = ((await (await api("/posts", { json: { title: "五件好物", publish: false, productIds: six.slice(0, 5).map((p) => p.id) } })).json()) as { post: Post }).post;
    expect(ok.products).toHaveLength(5);
    const refused = await api(`/posts/${ok.id}`, { method: "PATCH", json: { productIds: [...six.slice(0, 5).map((p) => p.id), draft.id] } });
    expect(refused.status).toBe(422);
    expect(await db.handle.db.select().from(postProducts).where(eq(postProducts.postId, ok.id))).toHaveLength(5);
  });

  it("picks products in the edit form without JavaScript; unticking all unlinks them", async () => {
    const a = await createTestProduct(db.handle.db, { title: "香薰蜡烛" });
    const post = ((await (await api("/posts", { json: { title: "居家好物", publish: false, productIds: [a.id] } })).json()) as { post: Post }).post;
    const context = { ...server.ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    const { get, post: submit } = routeCaller(context);
    const page = await (await get(asRoute(editPage), `/n/${post.id}/edit`, author.cookie, { id: post.id })).json();
    expect(page.post.productIds).toEqual([a.id]);
    expect(page.productOptions.map((o: { id: string }) => o.id)).toContain(a.id);
    const res = await submit(asRoute(editPage), `/n/${post.id}/edit`, author.cookie, { title: "居家好物", body: "", intent: "save", productIds: "" }, { id: post.id });
    expect(res.status).toBe(302);
    expect(await db.handle.db.select().from(postProducts).where(eq(postProducts.postId, post.id))).toHaveLength(0);
  });
});
