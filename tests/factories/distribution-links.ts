import type { Queryable } from "../../db/client";
import { distributionRights, posts, products, type RightsPath } from "../../db/schema";

/** A product on sale (defaults: ¥129.00, 100 in stock, 10 % commission). */
export async function createTestProduct(
  db: Queryable,
  options: { title?: string; priceCents?: number; stock?: number; commissionRateBp?: number; status?: "draft" | "active" | "archived"; now?: Date } = {},
): Promise<{ id: string; title: string; priceCents: number }> {
  const now = options.now ?? new Date();
  const [row] = await db
    .insert(products)
    .values({
      title: options.title ?? "氨基酸洁面乳 120g",
      priceCents: options.priceCents ?? 12900,
      stock: options.stock ?? 100,
      commissionRateBp: options.commissionRateBp ?? 1000,
      status: options.status ?? "active",
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: products.id, title: products.title, priceCents: products.priceCents });
  return row!;
}

/** A published note by `authorId`, straight in the database. */
export async function createTestNote(db: Queryable, authorId: string, options: { title?: string; status?: "draft" | "published"; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const status = options.status ?? "published";
  const [row] = await db
    .insert(posts)
    .values({ authorId, title: options.title ?? "油皮夏天的控油清单", body: "亲测好用", status, publishedAt: status === "published" ? now : null, createdAt: now, updatedAt: now })
    .returning({ id: posts.id, title: posts.title });
  return row!;
}

/** Distribution rights on a path, as the eligibility engine (or the demo seed) would record them. */
export async function grantDistributionRights(db: Queryable, userId: string, path: RightsPath = "creator", now = new Date()): Promise<void> {
  await db
    .insert(distributionRights)
    .values({ userId, path, grantedAt: now, revokedAt: null, updatedAt: now })
    .onConflictDoUpdate({ target: distributionRights.userId, set: { path, grantedAt: now, revokedAt: null, updatedAt: now } });
}
