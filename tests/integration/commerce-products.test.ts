import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, products, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string } | null;
type Product = { id: string; title: string; priceCents: number; stock: number; status: string; commissionRateBp: number };

describe("/api/v1 products: staff catalogue, member shop", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  const who: Record<string, Member> = {};

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 3 });
    server = await startTestServer(db, { clock });
    for (const [name, roles] of [["member", []], ["creator", ["creator"]], ["staff", ["staff"]], ["admin", ["admin"]]] as [string, Role[]][]) {
      const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("p") });
      who[name] = { user, token: (await createAccessToken(server.ctx, user.id, { name: "test" })).token };
    }
    who.visitor = null;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const api = (path: string, init: { method?: string; json?: unknown; as?: Member } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });

  const valid = { title: "云南玫瑰花茶 50g", priceCents: 3_990, stock: 20, commissionRateBp: 800 };

  it("lets staff and admins create and change products; members, creators and visitors get 403/401 and nothing changes", async () => {
    const expected: Record<string, number> = { visitor: 401, member: 403, creator: 403, staff: 201, admin: 201 };
    for (const [name, status] of Object.entries(expected)) {
      const res = await api("/products", { as: who[name], json: { ...valid, title: `${valid.title} ${name}` } });
      expect(res.status, name).toBe(status);
    }
    const rows = await db.handle.db.select({ title: products.title }).from(products);
    expect(rows.map((r) => r.title).sort()).toEqual([`${valid.title} admin`, `${valid.title} staff`]);

    const id = (await db.handle.db.select({ id: products.id }).from(products).where(eq(products.title, `${valid.title} staff`)))[0]!.id;
    for (const [name, status] of Object.entries({ visitor: 401, member: 403, creator: 403, staff: 200 })) {
      const res = await api(`/products/${id}`, { method: "PATCH", as: who[name], json: { priceCents: 4_990 } });
      expect(res.status, name).toBe(status);
    }
    const audits = await db.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
    expect(audits.map((a) => a.action).sort()).toEqual(["commerce.product.created", "commerce.product.updated"]);
  });

  it("refuses bad input with a message per field and writes nothing", async () => {
    const before = (await db.handle.db.select().from(products)).length;
    const res = await api("/products", { as: who.staff, json: { title: "", priceCents: 0, stock: -1, commissionRateBp: 10_001, imageUploadIds: ["00000000-0000-4000-8000-000000000000"] } });
    expect(res.status).toBe(422);
    const fields = ((await res.json()) as ApiError).error.fields!;
    expect(Object.keys(fields).sort()).toEqual(["commissionRateBp", "priceCents", "stock", "title"]);
    const fake = await api("/products", { as: who.staff, json: { ...valid, imageUploadIds: ["00000000-0000-4000-8000-000000000000"] } });
    expect(fake.status).toBe(422);
    expect(((await fake.json()) as ApiError).error.fields?.imageUploadIds).toBeDefined();
    expect((await db.handle.db.select().from(products)).length).toBe(before);
  });

  it("restocks by a delta and never below zero", async () => {
    const created = ((await (await api("/products", { as: who.staff, json: { ...valid, stock: 3 } })).json()) as { product: Product }).product;
    const down = await api(`/products/${created.id}`, { method: "PATCH", as: who.staff, json: { stockDelta: -4 } });
    expect(down.status).toBe(422);
    const up = await api(`/products/${created.id}`, { method: "PATCH", as: who.staff, json: { stockDelta: 7 } });
    expect(((await up.json()) as { product: Product }).product.stock).toBe(10);
  });

  it("shows members products on sale only, a page at a time; drafts are staff-only and 404 to others", async () => {
    const draft = ((await (await api("/products", { as: who.staff, json: { ...valid, title: "未上架草稿", status: "draft" } })).json()) as { product: Product }).product;
    for (let i = 0; i < 5; i++) {
      clock.advance(1_000);
      await api("/products", { as: who.staff, json: { ...valid, title: `分页商品 ${i}` } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api(`/products?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { as: who.member });
      const page = (await res.json()) as { products: Product[]; nextCursor: string | null };
      expect(page.products.length).toBeLessThanOrEqual(2);
      seen.push(...page.products.map((p) => p.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).not.toContain("未上架草稿");
    expect(seen.slice(0, 5)).toEqual(["分页商品 4", "分页商品 3", "分页商品 2", "分页商品 1", "分页商品 0"]);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await api(`/products/${draft.id}`, { as: who.member })).status).toBe(404);
    expect((await api(`/products/${draft.id}`)).status).toBe(404);
    expect((await api(`/products/${draft.id}`, { as: who.staff })).status).toBe(200);
    const all = (await (await api(`/products?all=true&limit=60`, { as: who.staff })).json()) as { products: Product[] };
    expect(all.products.map((p) => p.title)).toContain("未上架草稿");
    const memberAll = (await (await api(`/products?all=true&limit=60`, { as: who.member })).json()) as { products: Product[] };
    expect(memberAll.products.map((p) => p.title)).not.toContain("未上架草稿");
    expect((await api(`/products?cursor=garbage`)).status).toBe(422);
  });

  it("documents the fixed operation ids in the OpenAPI document", async () => {
    const doc = (await (await api("/openapi.json")).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    for (const id of ["listProducts", "getProduct", "createOrder", "payOrder", "refundOrder", "ingestExternalOrder"]) expect(ids).toContain(id);
  });
});
