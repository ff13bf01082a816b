import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { percentOfBp } from "~/components/commerce/product-bits";
import { ProductShareSlot } from "~/components/commerce/product-share-slot";
import { createOrder, formFailure, getProduct, readVisitorId, type FormFailure } from "~/components/commerce/commerce.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton } from "~/components/forms";
import { FieldErrorList } from "~/components/rewards/reward-bits";
import { useFormat, useLocale, useT } from "~/i18n";
import shopStyles from "~/styles/commerce.css";
import { resolveLocale } from "~/utils/locale.server";
import { getUser, requireUser } from "~/utils/session.server";

/**
 * One product: images, price, stock, description, and the buy form. Buying is one plain form post
 * (quantity → a pending order holding its units) that lands on the order page to pay, so it works
 * before JavaScript loads. The attribution cookie from a creator's link travels with the post.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shopStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.product.title} · Seedbed` : "Seedbed" }];

async function load(request: Request, context: LoaderFunctionArgs["context"], id: string) {
  const user = await getUser(request, context);
  try {
    return { user, product: await getProduct(context, user, id) };
  } catch (e) {
    if ((e as { code?: string }).code === "NOT_FOUND") throw json(null, { status: 404 });
    throw e;
  }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, product } = await load(request, context, params.id ?? "");
  return json({ product, signedIn: user !== null });
}

type ActionData = { quantity: string; failure: FormFailure };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  const quantity = String(form.get("quantity") ?? "1").trim();
  try {
    const order = await createOrder(
      context,
      user,
      { productId: params.id ?? "", quantity: /^\d+$/.test(quantity) ? Number(quantity) : (quantity as unknown as number) },
      { visitorId: readVisitorId(request, context) },
    );
    throw redirect(`/orders/${order.id}`);
  } catch (error) {
    if (error instanceof Response) throw error;
    const { failure, status } = formFailure(error, resolveLocale(request, user));
    return json<ActionData>({ quantity, failure }, { status });
  }
}

export default function ProductPage() {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const { product, signedIn } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [quantity, setQuantity] = useState(data?.quantity ?? "1");
  const fields = data?.failure.fields ?? {};
  const general = [data?.failure.message ?? "", ...(fields._ ?? [])].filter((m) => m && !fields.quantity?.includes(m));
  const units = /^\d+$/.test(quantity) ? Number(quantity) : 1;
  const soldOut = product.stock === 0 || product.status !== "active";

  return (
    <div className="stack">
      <p>
        <Link to="/products">← {t("shop.back")}</Link>
      </p>
      {product.images.length > 0 ? (
        <ul className="shop-gallery" aria-label={t("shop.gallery")}>
          {product.images.map((img, i) => (
            <li key={img.uploadId}>
              <img src={img.url} alt={i === 0 ? product.title : ""} />
            </li>
          ))}
        </ul>
      ) : null}
      <PageHeader title={product.title} />
      <section className="card card-body stack">
        <div className="shop-facts">
          <span className="shop-price shop-price-big">{format.money(product.priceCents)}</span>
          <span className="muted">{soldOut ? t("shop.soldOut") : t("shop.stockLeft", { stock: format.count(product.stock) })}</span>
          {product.soldCount > 0 ? <span className="muted">{t("shop.sold", { count: format.count(product.soldCount) })}</span> : null}
          {product.commissionRateBp > 0 ? <span className="chip">{t("shop.commission", { rate: percentOfBp(product.commissionRateBp) })}</span> : null}
        </div>
        {product.category ? <span className="chip chip-muted">{locale === "en" ? product.category.nameEn : product.category.nameZh}</span> : null}
        {product.description ? <p style={{ whiteSpace: "pre-line" }}>{product.description}</p> : null}
      </section>

      <ProductShareSlot productId={product.id} />

      {!signedIn ? (
        <Link className="btn btn-primary btn-block" to={`/login?redirectTo=${encodeURIComponent(`/products/${product.id}`)}`}>
          {t("shop.buy.login")}
        </Link>
      ) : soldOut ? null : (
        <section className="card card-body stack" aria-labelledby="buy-title">
          <h2 id="buy-title">{t("shop.buy.title")}</h2>
          <Form method="post" className="form" noValidate>
            <FormErrors errors={general} />
            <div className="shop-buy">
              <div className="field">
                <label htmlFor="buy-quantity">{t("shop.buy.quantity")}</label>
                <input
                  id="buy-quantity"
                  name="quantity"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={Math.min(99, product.stock)}
                  className="input"
                  value={quantity}
                  onChange={(e) => setQuantity(e.target.value)}
                  aria-invalid={fields.quantity?.length ? true : undefined}
                  aria-describedby={fields.quantity?.length ? "buy-quantity-errors" : undefined}
                />
                <FieldErrorList id="buy-quantity-errors" errors={fields.quantity} />
              </div>
              <SubmitButton>{t("shop.buy.submit")}</SubmitButton>
            </div>
            <p className="muted" aria-live="polite">
              {t("shop.buy.total", { amount: format.money(product.priceCents * units) })}
            </p>
          </Form>
        </section>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
