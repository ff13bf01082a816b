import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrderStatus } from "~/components/commerce/product-bits";
import { formFailure, getOrder, payOrder, type FormFailure } from "~/components/commerce/commerce.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton, Toast } from "~/components/forms";
import { useFormat, useT } from "~/i18n";
import shopStyles from "~/styles/commerce.css";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";

/**
 * One order, for its buyer (or staff): status, lines, amounts, and — while pending — the pay button,
 * one plain form post through the sandbox provider. Paying twice is harmless: the second post finds
 * the order paid. Someone else's order is a 404, like an id that doesn't exist.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shopStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.order.number} · Seedbed` : "Seedbed" }];

async function load(request: Request, context: LoaderFunctionArgs["context"], id: string) {
  const user = await requireUser(request, context);
  try {
    return { user, order: await getOrder(context, user, id) };
  } catch (e) {
    if ((e as { code?: string }).code === "NOT_FOUND") throw json(null, { status: 404 });
    throw e;
  }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { order } = await load(request, context, params.id ?? "");
  return json({ order });
}

type ActionData = { paid: boolean; failure: FormFailure | null };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, order } = await load(request, context, params.id ?? "");
  try {
    await payOrder(context, user, order.id);
    return json<ActionData>({ paid: true, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, user));
    return json<ActionData>({ paid: false, failure }, { status });
  }
}

export default function OrderPage() {
  const t = useT();
  const format = useFormat();
  const { order } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="stack">
      <p>
        <Link to="/me/orders">← {t("orders.mine.title")}</Link>
      </p>
      <PageHeader title={t("order.title", { number: order.number })} />
      {data?.paid ? <Toast>{t("order.paid")}</Toast> : null}
      <section className="card card-body stack" aria-labelledby="order-status">
        <div className="shop-row-head">
          <h2 id="order-status" className="shop-section-title">
            {t("order.total")}
          </h2>
          <OrderStatus status={order.status} />
        </div>
        <span className="shop-price shop-price-big" data-testid="order-total">
          {format.money(order.totalCents)}
        </span>
        {order.refundedCents > 0 ? <span className="muted">{t("order.refunded", { amount: format.money(order.refundedCents) })}</span> : null}
        {order.store ? <span className="muted">{t("order.external", { store: order.store.name })}</span> : null}
        {order.kind === "membership" ? <span className="chip">{t("order.membership")}</span> : null}
        <span className="muted">{t("order.placedAt", { time: format.dateTime(order.createdAt) })}</span>
        {order.paidAt ? <span className="muted">{t("order.paidAt", { time: format.dateTime(order.paidAt) })}</span> : null}
        {order.confirmedAt ? (
          <span className="muted">{t("order.confirmedAt", { time: format.dateTime(order.confirmedAt) })}</span>
        ) : order.confirmableAt && (order.status === "paid" || order.status === "partially_refunded") ? (
          <span className="muted">{t("order.confirmableAt", { time: format.dateTime(order.confirmableAt) })}</span>
        ) : null}
        {order.cancelledAt ? <span className="muted">{t("order.cancelledAt", { time: format.dateTime(order.cancelledAt) })}</span> : null}
      </section>

      <section className="card card-body stack" aria-labelledby="order-lines">
        <h2 id="order-lines" className="shop-section-title">
          {t("order.lines")}
        </h2>
        <ul className="shop-lines">
          {order.lines.map((line) => (
            <li key={line.id} className="shop-line">
              {line.productId ? <Link to={`/products/${line.productId}`}>{t("order.line", { title: line.title, quantity: line.quantity })}</Link> : <span>{t("order.line", { title: line.title, quantity: line.quantity })}</span>}
              <span className="shop-price">{format.money(line.lineTotalCents)}</span>
            </li>
          ))}
        </ul>
      </section>

      {order.status === "pending" ? (
        <section className="card card-body stack" aria-labelledby="pay-title">
          <h2 id="pay-title" className="shop-section-title">
            {t("order.status.pending")}
          </h2>
          <FormErrors errors={data?.failure ? [data.failure.message] : order.lastPaymentError ? [t("order.declined", { error: order.lastPaymentError })] : []} />
          {order.expiresAt ? <p className="muted">{t("order.payExpires", { time: format.dateTime(order.expiresAt) })}</p> : null}
          <Form method="post">
            <SubmitButton>{t("order.pay", { amount: format.money(order.totalCents) })}</SubmitButton>
          </Form>
          <p className="muted">{t("order.payHint")}</p>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
