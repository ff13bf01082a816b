import { and, eq, sql } from "drizzle-orm";
import { categories, products } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { requireReadyUploads } from "../../media";
import { recordAudit } from "../../ops";
import { AppError } from "../../shared/errors";
import { createProductSchema, isUuid, updateProductSchema, type CreateProductInput, type ProductView, type UpdateProductInput } from "./schemas";
import { productViewById, type ProductRow } from "./views";

/** Who may run the catalogue and the orders behind it (staff and admins). */
export const MANAGE_PRODUCTS = "manage:products:any" as const;

/** What the audit log keeps of a product: everything staff can change. */
function audited(row: ProductRow) {
  return {
    title: row.title,
    description: row.description,
    imageUploadIds: row.imageUploadIds,
    priceCents: row.priceCents,
    stock: row.stock,
    commissionRateBp: row.commissionRateBp,
    categoryId: row.categoryId,
    status: row.status,
  };
}

/**
 * Images must be ready image uploads. Only ids new to the product are checked against the editor's own
 * uploads: a colleague may reorder or drop images another staff member uploaded.
 */
async function checkImages(ctx: Pick<AppContext, "db">, staff: CurrentUser, ids: string[], already: string[] = []) {
  const fresh = ids.filter((id) => !already.includes(id));
  if (new Set(ids).size !== ids.length) throw new AppError("VALIDATION_FAILED", "commerce.product.images", { fields: { imageUploadIds: ["commerce.product.images"] } });
  if (fresh.length === 0) return;
  try {
    await requireReadyUploads(ctx.db, staff.id, fresh, { kinds: ["image"] });
  } catch (e) {
    throw new AppError("VALIDATION_FAILED", "commerce.product.images", { fields: { imageUploadIds: ["commerce.product.images"] }, cause: e });
  }
}

async function checkCategory(ctx: Pick<AppContext, "db">, categoryId: string | null | undefined) {
  if (!categoryId) return;
  const [row] = await ctx.db.select({ id: categories.id }).from(categories).where(and(eq(categories.id, categoryId), eq(categories.isActive, true)));
  if (!row) throw new AppError("VALIDATION_FAILED", "commerce.product.category", { fields: { categoryId: ["commerce.product.category"] } });
}

/** Staff put a product on sale (or save it as a draft); the audit log records it whole. */
export async function createProduct(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser, input: CreateProductInput): Promise<ProductView> {
  requirePermission(staff, MANAGE_PRODUCTS);
  const data = parseInput(createProductSchema, input);
  await checkImages(ctx, staff, data.imageUploadIds);
  await checkCategory(ctx, data.categoryId);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(products)
      .values({
        title: data.title,
        description: data.description,
        imageUploadIds: data.imageUploadIds,
        coverUploadId: data.imageUploadIds[0] ?? null,
        priceCents: data.priceCents,
        stock: data.stock,
        commissionRateBp: data.commissionRateBp,
        categoryId: data.categoryId ?? null,
        status: data.status,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, { actorId: staff.id, action: "commerce.product.created", subjectType: "product", subjectId: row!.id, before: null, after: audited(row!), at: now });
    return row!.id;
  });
  return (await productViewById(ctx.db, id))!;
}

/**
 * Staff change a product. The row is locked so the audit's before/after is exact; stock moves by a
 * delta inside the UPDATE (`stock + delta`, refused below zero), so a restock never overwrites an
 * order that took units a moment earlier. Placed orders keep the price and rate they were placed at.
 */
export async function updateProduct(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser, productId: string, input: UpdateProductInput): Promise<ProductView> {
  requirePermission(staff, MANAGE_PRODUCTS);
  const data = parseInput(updateProductSchema, input);
  if (!isUuid(productId)) throw new AppError("NOT_FOUND", "commerce.product.notFound");
  await checkCategory(ctx, data.categoryId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(products).where(eq(products.id, productId)).for("update");
    if (!before) throw new AppError("NOT_FOUND", "commerce.product.notFound");
    if (data.imageUploadIds !== undefined) await checkImages(ctx, staff, data.imageUploadIds, before.imageUploadIds);
    const delta = data.stockDelta ?? 0;
    if (before.stock + delta < 0) {
      throw new AppError("VALIDATION_FAILED", "commerce.product.stockBelowZero", { fields: { stockDelta: ["commerce.product.stockBelowZero"] } });
    }
    const [after] = await tx
      .update(products)
      .set({
        ...(data.title !== undefined ? { title: data.title } : {}),
        ...(data.description !== undefined ? { description: data.description } : {}),
        ...(data.imageUploadIds !== undefined ? { imageUploadIds: data.imageUploadIds, coverUploadId: data.imageUploadIds[0] ?? null } : {}),
        ...(data.priceCents !== undefined ? { priceCents: data.priceCents } : {}),
        ...(data.commissionRateBp !== undefined ? { commissionRateBp: data.commissionRateBp } : {}),
        ...(data.categoryId !== undefined ? { categoryId: data.categoryId } : {}),
        ...(data.status !== undefined ? { status: data.status } : {}),
        ...(delta !== 0 ? { stock: sql`${products.stock} + ${delta}` } : {}),
        updatedAt: now,
      })
      .where(eq(products.id, productId))
      .returning();
    await recordAudit(tx, {
      actorId: staff.id,
      action: delta !== 0 ? "commerce.product.stockChanged" : "commerce.product.updated",
      subjectType: "product",
      subjectId: productId,
      before: audited(before),
      after: { ...audited(after!), ...(delta !== 0 ? { stockDelta: delta } : {}) },
      at: now,
    });
  });
  return (await productViewById(ctx.db, productId))!;
}
