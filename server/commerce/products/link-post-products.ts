import { and, asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { postProducts, products } from "../../../db/schema";
import { AppError } from "../../shared/errors";
import type { ProductCard } from "./schemas";
import { productCardsOf } from "./views";

/** How many products an author may link to one note. */
export const MAX_NOTE_PRODUCTS = 5;

const refuse = (message: string) => new AppError("VALIDATION_FAILED", message, { fields: { productIds: [message] } });

/**
 * Checks the products an author wants under a note: at most 5, no repeats, each one on sale. Called
 * before anything is written, so a refused note changes nothing.
 */
export async function requireLinkableProducts(db: Queryable, productIds: readonly string[]): Promise<void> {
  if (productIds.length > MAX_NOTE_PRODUCTS) throw refuse("commerce.noteProducts.count");
  if (new Set(productIds).size !== productIds.length) throw refuse("commerce.noteProducts.unknown");
  if (productIds.length === 0) return;
  const rows = await db
    .select({ id: products.id })
    .from(products)
    .where(and(inArray(products.id, [...productIds]), eq(products.status, "active")));
  if (rows.length !== productIds.length) throw refuse("commerce.noteProducts.unknown");
}

/** Replaces a note's linked products with `productIds`, in that order (checked by requireLinkableProducts). */
export async function linkPostProducts(tx: Queryable, postId: string, productIds: readonly string[]): Promise<void> {
  await tx.delete(postProducts).where(eq(postProducts.postId, postId));
  if (productIds.length === 0) return;
  await tx.insert(postProducts).values(productIds.map((productId, position) => ({ postId, productId, position })));
}

/** The product cards a note shows, in the author's order; drafts are left out. */
export async function postProductCards(db: Queryable, postId: string): Promise<ProductCard[]> {
  const rows = await db.select({ productId: postProducts.productId }).from(postProducts).where(eq(postProducts.postId, postId)).orderBy(asc(postProducts.position));
  return productCardsOf(
    db,
    rows.map((r) => r.productId),
  );
}
