import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { getProduct, listProducts } from "./list-products";
import { createProduct, MANAGE_PRODUCTS, updateProduct } from "./save-product";
import { createProductSchema, idSchema, listProductsQuerySchema, productViewSchema, updateProductSchema } from "./schemas";

const tags = ["products"];
const productParams = z.object({ productId: idSchema });
const productResponse = z.object({ product: productViewSchema });

/** The product catalogue over /api/v1: the same domain functions the shop pages call. */
export const productsOperations: ApiOperation[] = [
  defineOperation({
    operationId: "listProducts",
    method: "get",
    path: "/products",
    summary: "Products on sale, newest first, a page at a time",
    description:
      "Prices are integer cents (CNY); `commissionRateBp` is the commission on a line total in basis points (1000 = 10 %). Pass " +
      "`nextCursor` back as `cursor` for the next page. `all=true` includes drafts and archived products (staff only).",
    tags,
    auth: "public",
    query: listProductsQuerySchema,
    response: z.object({ products: z.array(productViewSchema), nextCursor: z.string().nullable() }),
    handler: ({ ctx, user, query }) => listProducts(ctx, user, query),
  }),
  defineOperation({
    operationId: "getProduct",
    method: "get",
    path: "/products/:productId",
    summary: "One product (drafts and archived products are visible to staff only)",
    tags,
    auth: "public",
    params: productParams,
    response: productResponse,
    handler: async ({ ctx, user, params }) => ({ product: await getProduct(ctx, user, params.productId) }),
  }),
  defineOperation({
    operationId: "createProduct",
    method: "post",
    path: "/products",
    summary: "Add a product (staff)",
    description: "`imageUploadIds` are ready image uploads of the caller, in display order (the first is the cover). Audited.",
    tags,
    auth: MANAGE_PRODUCTS,
    body: createProductSchema,
    response: productResponse,
    successStatus: 201,
    handler: async ({ ctx, user, body }) => ({ product: await createProduct(ctx, user, body) }),
  }),
  defineOperation({
    operationId: "updateProduct",
    method: "patch",
    path: "/products/:productId",
    summary: "Change a product (staff); restock or write off with `stockDelta`",
    description: "Any subset of the fields. Stock moves by a signed delta in one conditional update; orders already placed keep their price and rate. Audited.",
    tags,
    auth: MANAGE_PRODUCTS,
    params: productParams,
    body: updateProductSchema,
    response: productResponse,
    handler: async ({ ctx, user, params, body }) => ({ product: await updateProduct(ctx, user, params.productId, body) }),
  }),
];
