// The product catalogue: what other areas and contexts may use (see ../index.ts).
export { createProduct, updateProduct, MANAGE_PRODUCTS } from "./save-product";
export { getProduct, listProducts, type ProductPage } from "./list-products";
export { productCardsOf, productViewById } from "./views";
export {
  MAX_IMAGES,
  createProductSchema,
  isUuid,
  productCardSchema,
  productViewSchema,
  updateProductSchema,
  type CreateProductInput,
  type ProductCard,
  type ProductView,
  type UpdateProductInput,
} from "./schemas";
export { linkPostProducts, postProductCards, requireLinkableProducts, MAX_NOTE_PRODUCTS } from "./link-post-products";
