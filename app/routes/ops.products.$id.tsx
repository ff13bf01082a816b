import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProductForm, ShopOpsNav, valuesOfProduct } from "~/components/commerce/product-form";
import { formFailure, formValuesOf, getProduct, listCategories, productInputFromForm, requireStaff, updateProduct, type FormFailure } from "~/components/commerce/commerce.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { Toast } from "~/components/forms";
import { useFormat, useT } from "~/i18n";
import shopStyles from "~/styles/commerce.css";
import { resolveLocale } from "~/utils/locale.server";

/** Staff: edit one product (stock by a delta). Every save is audited with before and after. */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shopStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.product.title} · Seedbed` : "Seedbed" }];

async function load(request: Request, context: LoaderFunctionArgs["context"], id: string) {
  const staff = await requireStaff(request, context, "manage:products:any");
  try {
    return { staff, product: await getProduct(context, staff, id) };
  } catch (e) {
    if ((e as { code?: string }).code === "NOT_FOUND") throw json(null, { status: 404 });
    throw e;
  }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { product } = await load(request, context, params.id ?? "");
  return json({ product, categories: await listCategories(context) });
}

type ActionData = { saved: boolean; values: Record<string, string>; failure: FormFailure | null };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { staff, product } = await load(request, context, params.id ?? "");
  const form = await request.formData();
  try {
    await updateProduct(context, staff, product.id, productInputFromForm(form, "update"));
    return json<ActionData>({ saved: true, values: {}, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, staff));
    return json<ActionData>({ saved: false, values: formValuesOf(form), failure }, { status });
  }
}

export default function OpsProductEdit() {
  const t = useT();
  const format = useFormat();
  const { product, categories } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="stack">
      <ShopOpsNav current="products" />
      <p>
        <Link to="/ops/products">← {t("ops.products.title")}</Link> · <Link to={`/products/${product.id}`}>{product.title}</Link>
      </p>
      <PageHeader title={t("ops.products.editTitle")} />
      {data?.saved ? <Toast>{t("ops.products.saved")}</Toast> : null}
      <section className="card card-body">
        <ProductForm
          key={product.updatedAt}
          mode="update"
          values={data?.failure ? data.values : valuesOfProduct(product)}
          fields={data?.failure?.fields ?? {}}
          message={data?.failure?.message ?? null}
          images={product.images.map((img) => ({ id: img.uploadId, kind: "image" as const, url: img.url, thumbUrl: img.url }))}
          categories={categories}
          stockNow={t("ops.products.stockNow", { stock: format.count(product.stock), sold: format.count(product.soldCount) })}
        />
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
