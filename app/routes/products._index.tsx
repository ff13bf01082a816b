import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProductCard } from "~/components/commerce/product-bits";
import { formFailure, listProducts } from "~/components/commerce/commerce.server";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useT } from "~/i18n";
import shopStyles from "~/styles/commerce.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { getUser } from "~/utils/session.server";

/** 好物商城: products on sale, newest first, a page at a time (a plain "load more" link works without JS). */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shopStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "shop.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
  try {
    const page = await listProducts(context, user, { cursor, limit: 20 });
    return json({ ...page, signedIn: user !== null });
  } catch (error) {
    // A stale or edited cursor: start again from the first page.
    formFailure(error, resolveLocale(request, user));
    return json({ ...(await listProducts(context, user, { limit: 20 })), signedIn: user !== null });
  }
}

export default function Shop() {
  const t = useT();
  const { products, nextCursor, signedIn } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("shop.title")}>{t("shop.intro")}</PageHeader>
      {signedIn ? (
        <p>
          <Link to="/me/orders">{t("shop.myOrders")}</Link>
        </p>
      ) : null}
      {products.length === 0 ? (
        <div className="card">
          <EmptyState icon={<span aria-hidden="true">🛍️</span>} title={t("shop.empty.title")}>
            {t("shop.empty.body")}
          </EmptyState>
        </div>
      ) : (
        <ul className="shop-grid" aria-label={t("shop.title")}>
          {products.map((p) => (
            <ProductCard key={p.id} product={p} />
          ))}
        </ul>
      )}
      {nextCursor ? (
        <Link className="btn btn-secondary btn-block" to={`/products?cursor=${encodeURIComponent(nextCursor)}`}>
          {t("shop.more")}
        </Link>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
