import { z } from "zod";
import { PRODUCT_STATUSES } from "../../../db/schema";

/**
 * Inputs and views of the product catalogue, shared by the staff forms, the API (and its OpenAPI
 * document) and the demo seed. Messages are keys of server/shared/messages/commerce.ts.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether a path segment could be an id at all (anything else is simply not found). */
export const isUuid = (value: string) => UUID.test(value);

const text = () => z.string({ error: (issue) => (issue.input === undefined ? "validation.required" : undefined) });
const int = (message: string) => z.number({ error: message }).int(message);

export const idSchema = z.uuid("validation.uuid");

/** ¥1,000,000.00 at most for one unit: a typo guard, well inside an int column. */
export const MAX_PRICE_CENTS = 100_000_000;
export const MAX_STOCK = 1_000_000;
export const MAX_IMAGES = 9;

const productFields = {
  title: text().trim().min(1, "commerce.product.title").max(60, "commerce.product.title"),
  description: text().trim().max(2000, "commerce.product.description").default(""),
  /** Uploads (images) in display order; the first is the cover. */
  imageUploadIds: z.array(idSchema, { error: "commerce.product.images" }).max(MAX_IMAGES, "commerce.product.images").default([]),
  priceCents: int("commerce.product.price").min(1, "commerce.product.price").max(MAX_PRICE_CENTS, "commerce.product.price"),
  /** Basis points of a line total: 1,000 = 10 %. */
  commissionRateBp: int("commerce.product.rate").min(0, "commerce.product.rate").max(10_000, "commerce.product.rate"),
  categoryId: idSchema.nullable().optional(),
  status: z.enum(PRODUCT_STATUSES, { error: "commerce.product.status" }).default("active"),
};

export const createProductSchema = z.strictObject({
  ...productFields,
  stock: int("commerce.product.stock").min(0, "commerce.product.stock").max(MAX_STOCK, "commerce.product.stock"),
});
export type CreateProductInput = z.input<typeof createProductSchema>;

/**
 * A change to a product: any subset of its fields. Stock moves by a signed `stockDelta` (restock +50,
 * write off −2) in one conditional UPDATE, so it never overwrites a sale committed a moment earlier.
 */
export const updateProductSchema = z
  .strictObject({
    title: productFields.title.optional(),
    description: text().trim().max(2000, "commerce.product.description").optional(),
    imageUploadIds: z.array(idSchema, { error: "commerce.product.images" }).max(MAX_IMAGES, "commerce.product.images").optional(),
    priceCents: productFields.priceCents.optional(),
    commissionRateBp: productFields.commissionRateBp.optional(),
    categoryId: productFields.categoryId,
    status: z.enum(PRODUCT_STATUSES, { error: "commerce.product.status" }).optional(),
    stockDelta: int("commerce.product.stockDelta").min(-MAX_STOCK, "commerce.product.stockDelta").max(MAX_STOCK, "commerce.product.stockDelta").optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "validation.atLeastOneField", path: ["_"] });
export type UpdateProductInput = z.input<typeof updateProductSchema>;

export const listProductsQuerySchema = z.strictObject({
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(60).default(20),
  categoryId: idSchema.optional(),
  /** Staff only: drafts and archived products too. */
  all: z.enum(["true", "false"], { error: "validation.invalid" }).optional(),
});
export type ListProductsQuery = z.input<typeof listProductsQuerySchema>;

// ---- views ----

export const productImageSchema = z.object({ uploadId: z.uuid(), url: z.string() });

export const productViewSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  images: z.array(productImageSchema),
  coverUrl: z.string().nullable(),
  priceCents: z.number().int(),
  stock: z.number().int(),
  commissionRateBp: z.number().int(),
  category: z.object({ id: z.uuid(), slug: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  status: z.enum(PRODUCT_STATUSES),
  soldCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProductView = z.input<typeof productViewSchema>;

/** What a note shows of a linked product. */
export const productCardSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  priceCents: z.number().int(),
  coverUrl: z.string().nullable(),
  /** False once the product is sold out or no longer on sale: the card stays, the buy button doesn't. */
  available: z.boolean(),
});
export type ProductCard = z.input<typeof productCardSchema>;
