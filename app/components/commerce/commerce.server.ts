/**
 * The shop as the web UI uses it. Routes import server code only through `.server` modules so none of
 * it can reach the browser bundle.
 */
export {
  createExternalStore,
  createOrder,
  createProduct,
  getOrder,
  getProduct,
  listAllOrders,
  listExternalStores,
  listMyOrders,
  listProducts,
  payOrder,
  readHoldingSettings,
  refundOrder,
  updateHoldingSettings,
  updateProduct,
  type OrderView,
  type ProductView,
} from "../../../server/commerce";
export { readVisitorId } from "../../../server/distribution/attribution/visitor-cookie";
export { listCategories } from "../../../server/content";
import { listProducts as listProductsFn } from "../../../server/commerce";
export { requireStaff } from "~/utils/content.server";
export { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";

/** Yuan as typed in a form ("39.9", "39.90") → integer cents; anything else passes through for the schema to reject. */
export function centsOf(value: string): number | string | undefined {
  const v = value.trim();
  if (v === "") return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return v;
  const [whole, frac = ""] = v.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

/** A percentage as typed ("12.5") → basis points (1250). */
export function basisPointsOf(value: string): number | string | undefined {
  const v = value.trim();
  if (v === "") return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return v;
  return Math.round(Number(v) * 100);
}

/** The staff product form → the API's input shape, so the domain validates it with the API's schema and messages. */
export function productInputFromForm(form: FormData, mode: "create" | "update"): Record<string, unknown> {
  const str = (k: string) => String(form.get(k) ?? "").trim();
  const int = (k: string) => (str(k) === "" ? undefined : /^[+-]?\d+$/.test(str(k)) ? Number(str(k)) : str(k));
  const input: Record<string, unknown> = {
    title: str("title"),
    description: str("description"),
    imageUploadIds: form.getAll("imageUploadIds").map(String).filter(Boolean),
    priceCents: centsOf(str("price")),
    commissionRateBp: basisPointsOf(str("rate")),
    categoryId: str("categoryId") === "" ? null : str("categoryId"),
    status: str("status") || undefined,
  };
  if (mode === "create") input.stock = int("stock");
  else if (int("stockDelta") !== undefined && int("stockDelta") !== 0) input.stockDelta = int("stockDelta");
  // Field names the page uses, for errors: the schema reports priceCents / commissionRateBp.
  for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
  return input;
}

export const formValuesOf = (form: FormData) => Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));

/** Products an author can link under a note: those on sale (newest 60), plus any already linked. */
export async function noteProductOptions(context: Parameters<typeof listProductsFn>[0], linked: { id: string; title: string; priceCents: number }[] = []) {
  const { products } = await listProductsFn(context, null, { limit: 60 });
  const options = products.map((p) => ({ id: p.id, title: p.title, priceCents: p.priceCents }));
  return [...linked.filter((l) => !options.some((o) => o.id === l.id)), ...options];
}
