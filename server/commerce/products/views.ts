import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { categories, products, uploads, type ProductStatus } from "../../../db/schema";
import { mediaUrl } from "../../media/views";
import type { ProductCard, ProductView } from "./schemas";

export type ProductRow = typeof products.$inferSelect;

/** Upload id → URL of its medium rendition (the original when it has none), for ready images only. */
export async function imageUrls(db: Queryable, uploadIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(uploadIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: uploads.id, key: uploads.key, variants: uploads.variants })
    .from(uploads)
    .where(and(inArray(uploads.id, ids), eq(uploads.status, "ready")));
  return new Map(rows.map((r) => [r.id, mediaUrl(r.variants?.medium?.key ?? r.key)]));
}

/** Product rows as members and staff see them, images and category resolved in two extra queries. */
export async function productViewsOf(db: Queryable, rows: ProductRow[]): Promise<ProductView[]> {
  if (rows.length === 0) return [];
  const categoryIds = [...new Set(rows.map((r) => r.categoryId).filter((id): id is string => id !== null))];
  const [urls, cats] = await Promise.all([
    imageUrls(db, rows.flatMap((r) => r.imageUploadIds)),
    categoryIds.length === 0
      ? Promise.resolve([])
      : db.select({ id: categories.id, slug: categories.slug, nameZh: categories.nameZh, nameEn: categories.nameEn }).from(categories).where(inArray(categories.id, categoryIds)),
  ]);
  const catById = new Map(cats.map((c) => [c.id, c]));
  return rows.map((row) => {
    const images = row.imageUploadIds.flatMap((uploadId) => {
      const url = urls.get(uploadId);
      return url ? [{ uploadId, url }] : [];
    });
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      images,
      coverUrl: images[0]?.url ?? null,
      priceCents: row.priceCents,
      stock: row.stock,
      commissionRateBp: row.commissionRateBp,
      category: row.categoryId ? (catById.get(row.categoryId) ?? null) : null,
      status: row.status as ProductStatus,
      soldCount: row.soldCount,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

/** One product's view by id, or null. */
export async function productViewById(db: Queryable, id: string): Promise<ProductView | null> {
  const rows = await db.select().from(products).where(eq(products.id, id));
  const [view] = await productViewsOf(db, rows);
  return view ?? null;
}

/** The cards a note shows, in the order given. */
export async function productCardsOf(db: Queryable, productIds: string[]): Promise<ProductCard[]> {
  if (productIds.length === 0) return [];
  const rows = await db.select().from(products).where(inArray(products.id, productIds));
  const urls = await imageUrls(db, rows.map((r) => r.imageUploadIds[0]).filter((id): id is string => Boolean(id)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return productIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row || row.status === "draft") return [];
    const cover = row.imageUploadIds[0];
    return [{ id: row.id, title: row.title, priceCents: row.priceCents, coverUrl: cover ? (urls.get(cover) ?? null) : null, available: row.status === "active" && row.stock > 0 }];
  });
}
