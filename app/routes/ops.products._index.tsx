import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { percentOfBp } from "~/components/commerce/product-bits";
import { ProductForm, ShopOpsNav } from "~/components/commerce/product-form";
import { createProduct, formFailure, formValuesOf, listCategories, listProducts, productInputFromForm, requireStaff, type FormFailure } from "~/components/commerce/commerce.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { Toast } from "~/components/forms";
import { useFormat, useT } from "~/i18n";
import shopStyles from "~/styles/commerce.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Staff: every product (on sale, draft or archived) and the form that adds one. Changes are audited. */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shopStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "ops.products.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:products:any");
  const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
  const [page, categories] = await Promise.all([listProducts(context, staff, { all: "true", limit: 60, cursor }).catch(() => listProducts(context, staff, { all: "true", limit: 60 })), listCategories(context)]);
  return json({ ...page, categories });
}

type ActionData = { created: string | null; values: Record<string, string>; failure: FormFailure | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:products:any");
  const form = await request.formData();
  try {
    const product = await createProduct(context, staff, productInputFromForm(form, "create") as never);
    return json<ActionData>({ created: product.id, values: {}, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, staff));
    return json<ActionData>({ created: null, values: formValuesOf(form), failure }, { status });
  }
}

export default function OpsProducts() {
  const t = useT();
  const format = useFormat();
  const { products, nextCursor, categories } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="stack">
      <ShopOpsNav current="products" />
      <PageHeader title={t("ops.products.title")}>{t("ops.products.intro")}</PageHeader>
      <ul className="shop-list" aria-label={t("ops.products.title")}>
        {products.map((p) => (
          <li key={p.id} className="card card-body stack">
            <div className="shop-row-head">
              <strong>{p.title}</strong>
              <span className={p.status === "active" ? "chip" : "chip chip-muted"}>{t(`ops.products.status.${p.status}`)}</span>
            </div>
            <div className="shop-facts">
              <span className="shop-price">{format.money(p.priceCents)}</span>
              <span className="muted">{t("ops.products.stockNow", { stock: format.count(p.stock), sold: format.count(p.soldCount) })}</span>
              <span className="muted">{t("shop.commission", { rate: percentOfBp(p.commissionRateBp) })}</span>
            </div>
            <Link className="btn btn-secondary btn-small" to={`/ops/products/${p.id}`}>
              {t("ops.products.edit")}
            </Link>
          </li>
        ))}
      </ul>
      {nextCursor ? (
        <Link className="btn btn-secondary btn-block" to={`/ops/products?cursor=${encodeURIComponent(nextCursor)}`}>
          {t("shop.more")}
        </Link>
      ) : null}
      <section className="card card-body stack" aria-labelledby="new-product">
        <h2 id="new-product">{t("ops.products.create")}</h2>
        {data?.created ? <Toast>{t("ops.products.created")}</Toast> : null}
        <ProductForm
          key={data?.created ?? "new"}
          mode="create"
          values={data?.failure ? data.values : { status: "active", rate: "10" }}
          fields={data?.failure?.fields ?? {}}
          message={data?.failure?.message ?? null}
          categories={categories}
        />
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
