import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OrderSummary } from "~/components/commerce/product-bits";
import { listMyOrders } from "~/components/commerce/commerce.server";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useT } from "~/i18n";
import shopStyles from "~/styles/commerce.css";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

/** 我的订单: the member's orders, newest first, each opening its order page (pay, status, refunds). */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shopStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "orders.mine.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
  const page = await listMyOrders(context, user, { cursor, limit: 30 }).catch(() => listMyOrders(context, user, { limit: 30 }));
  return json(page);
}

export default function MyOrders() {
  const t = useT();
  const { orders, nextCursor } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("orders.mine.title")} />
      {orders.length === 0 ? (
        <div className="card">
          <EmptyState icon={<span aria-hidden="true">🧾</span>} title={t("orders.mine.empty.title")}>
            {t("orders.mine.empty.body")} <Link to="/products">{t("shop.title")}</Link>
          </EmptyState>
        </div>
      ) : (
        <ul className="shop-list" aria-label={t("orders.mine.title")}>
          {orders.map((o) => (
            <li key={o.id}>
              <OrderSummary order={o} href={`/orders/${o.id}`} />
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <Link className="btn btn-secondary btn-block" to={`/me/orders?cursor=${encodeURIComponent(nextCursor)}`}>
          {t("orders.more")}
        </Link>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
