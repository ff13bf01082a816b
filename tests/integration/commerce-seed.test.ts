import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalStorageSync, type Storage } from "../../server/storage";
import { createDemoDatabase, DEMO_DATABASE_TIMEOUT_MS, type DemoDatabase } from "../setup/demo";

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

describe("the shop in the demo seed", () => {
  let db: DemoDatabase;
  let storage: Storage;
  const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db.handle.db.execute(q));

  beforeAll(async () => {
    db = await createDemoDatabase();
    storage = createLocalStorageSync(db.mediaDir);
  }, DEMO_DATABASE_TIMEOUT_MS);
  afterAll(async () => {
    await db?.close();
  });

  it("puts 8 products on sale across verticals, each with a stored picture, a price in cents and a rate", async () => {
    const rows = await query<{ title: string; price_cents: number; commission_rate_bp: number; slug: string; key: string }>(sql`
      select p.title, p.price_cents, p.commission_rate_bp, c.slug, u.key
      from products p join categories c on c.id = p.category_id join uploads u on u.id = p.cover_upload_id
      where p.status = 'active' and u.status = 'ready'`);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(new Set(rows.map((r) => r.slug)).size).toBeGreaterThanOrEqual(5);
    for (const r of rows) {
      expect(r.title).toMatch(/\p{Script=Han}/u);
      expect(r.price_cents).toBeGreaterThan(0);
      expect(await storage.head(r.key), r.title).not.toBeNull();
    }
  });

  it("shows products under notes, and orders in every state with their events in the outbox", async () => {
    const [{ n: linked }] = await query<{ n: string }>(sql`select count(distinct post_id) as n from post_products`) as [{ n: string }];
    expect(Number(linked)).toBeGreaterThanOrEqual(5);
    const states = await query<{ status: string; source: string }>(sql`select distinct status, source from orders`);
    const shop = new Set(states.filter((s) => s.source === "shop").map((s) => s.status));
    for (const s of ["pending", "paid", "confirmed", "partially_refunded", "refunded"]) expect(shop, s).toContain(s);
    expect(states.some((s) => s.source === "external")).toBe(true);
    const [{ paid, orders }] = (await query<{ paid: string; orders: string }>(sql`
      select (select count(*) from outbox_events where type = 'commerce.order.paid') as paid,
             (select count(*) from orders where paid_at is not null) as orders`)) as [{ paid: string; orders: string }];
    expect(Number(paid)).toBe(Number(orders));
    const [{ n: stores }] = (await query<{ n: string }>(sql`select count(*) as n from external_stores`)) as [{ n: string }];
    expect(Number(stores)).toBe(1);
  });
});
