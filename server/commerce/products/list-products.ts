import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { products } from "../../../db/schema";
import type { AppContext } from "../../context";
import { can, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { AppError } from "../../shared/errors";
import { MANAGE_PRODUCTS } from "./save-product";
import { isUuid, listProductsQuerySchema, type ListProductsQuery, type ProductView } from "./schemas";
import { productViewById, productViewsOf } from "./views";

export interface ProductPage {
  products: ProductView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const date = new Date(at ?? "");
  if (!id || !isUuid(id) || Number.isNaN(date.getTime())) {
    throw new AppError("VALIDATION_FAILED", "commerce.product.cursor", { fields: { cursor: ["commerce.product.cursor"] } });
  }
  return { at: date, id };
}

/**
 * The shop's catalogue, newest first, a page at a time (keyset pagination on created_at, id, which
 * the status index serves). Members and visitors see products on sale; staff may ask for all.
 */
export async function listProducts(ctx: Pick<AppContext, "db">, viewer: CurrentUser | null, input: ListProductsQuery = {}): Promise<ProductPage> {
  const query = parseInput(listProductsQuerySchema, input);
  const all = query.all === "true" && can(viewer, MANAGE_PRODUCTS);
  const where: SQL[] = [];
  if (!all) where.push(eq(products.status, "active"));
  if (query.categoryId) where.push(eq(products.categoryId, query.categoryId));
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    where.push(sql`(${products.createdAt}, ${products.id}) < (${at.toISOString()}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db
    .select()
    .from(products)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(products.createdAt), desc(products.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { products: await productViewsOf(ctx.db, page), nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** One product. Drafts and archived products are staff-only: to anyone else they don't exist. */
export async function getProduct(ctx: Pick<AppContext, "db">, viewer: CurrentUser | null, productId: string): Promise<ProductView> {
  if (!isUuid(productId)) throw new AppError("NOT_FOUND", "commerce.product.notFound");
  const view = await productViewById(ctx.db, productId);
  if (!view || (view.status !== "active" && !can(viewer, MANAGE_PRODUCTS))) throw new AppError("NOT_FOUND", "commerce.product.notFound");
  return view;
}
