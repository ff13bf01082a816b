import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { centsOf, formFailure, listAllOrders, readHoldingSettings, refundOrder, requireStaff, updateHoldingSettings, type FormFailure } from "~/components/commerce/commerce.server";
import { ORDER_STATUSES, OrderSummary } from "~/components/commerce/product-bits";
import { ShopOpsNav } from "~/components/commerce/product-form";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton, Toast } from "~/components/forms";
import { FieldErrorList } from "~/components/rewards/reward-bits";
import { useFormat, useT } from "~/i18n";
import shopStyles from "~/styles/commerce.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/**
 * Staff: every order (shop and external) with its buyer and attribution, a refund form on each paid
 * one, and the holding period setting. A refund's request key is the order's refunded total when the
 * form was drawn, so a double-submitted form refunds once.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shopStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "ops.orders.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:products:any");
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const query = { status: (ORDER_STATUSES as readonly string[]).includes(status ?? "") ? (status as (typeof ORDER_STATUSES)[number]) : undefined, cursor: url.searchParams.get("cursor") ?? undefined, limit: 30 };
  const [page, holding] = await Promise.all([listAllOrders(context, staff, query).catch(() => listAllOrders(context, staff, { ...query, cursor: undefined })), readHoldingSettings(context.db)]);
  return json({ ...page, holding });
}

type ActionData = { intent: string; orderId: string | null; ok: boolean; failure: FormFailure | null; values: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:products:any");
  const form = await request.formData();
  const str = (k: string) => String(form.get(k) ?? "").trim();
  const intent = str("intent");
  const orderId = intent === "refund" ? str("orderId") : null;
  try {
    if (intent === "holding") {
      await updateHoldingSettings(context, staff, { holdingDays: str("holdingDays") });
    } else {
      await refundOrder(context, staff, str("orderId"), { amountCents: centsOf(str("amount")) as number | undefined, reason: str("reason"), requestKey: str("requestKey") || undefined });
    }
    return json<ActionData>({ intent, orderId, ok: true, failure: null, values: {} });
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, staff));
    return json<ActionData>({ intent, orderId, ok: false, failure, values: { amount: str("amount"), reason: str("reason"), holdingDays: str("holdingDays") } }, { status });
  }
}

export default function OpsOrders() {
  const t = useT();
  const format = useFormat();
  const { orders, nextCursor, holding } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const current = params.get("status") ?? "";
  const holdingFailure = data?.intent === "holding" ? data.failure : null;
  return (
    <div className="stack">
      <ShopOpsNav current="orders" />
      <PageHeader title={t("ops.orders.title")}>{t("ops.orders.intro")}</PageHeader>

      <section className="card card-body stack" aria-labelledby="holding-title">
        <h2 id="holding-title" className="shop-section-title">
          {t("ops.holding.title")}
        </h2>
        <p className="muted">{t("ops.holding.intro")}</p>
        {data?.intent === "holding" && data.ok ? <Toast>{t("ops.holding.saved")}</Toast> : null}
        <Form method="post" className="shop-inline" noValidate>
          <input type="hidden" name="intent" value="holding" />
          <div className="field">
            <label htmlFor="holding-days">{t("ops.holding.days")}</label>
            <input id="holding-days" name="holdingDays" type="number" min={0} max={90} className="input" defaultValue={holdingFailure ? data?.values.holdingDays : String(holding.holdingDays)} aria-invalid={holdingFailure ? true : undefined} aria-describedby={holdingFailure ? "holding-days-errors" : undefined} />
            <FieldErrorList id="holding-days-errors" errors={holdingFailure ? (holdingFailure.fields.holdingDays ?? [holdingFailure.message]) : undefined} />
          </div>
          <SubmitButton className="btn btn-secondary">{t("ops.holding.save")}</SubmitButton>
        </Form>
      </section>

      <nav className="lb-tabs" aria-label={t("ops.orders.filter")}>
        <Link to="/ops/orders" aria-current={current === "" ? "page" : undefined}>
          {t("ops.orders.all")}
        </Link>
        {ORDER_STATUSES.map((s) => (
          <Link key={s} to={`/ops/orders?status=${s}`} aria-current={current === s ? "page" : undefined}>
            {t(`order.status.${s}`)}
          </Link>
        ))}
      </nav>

      {orders.length === 0 ? <p className="muted">{t("ops.orders.empty")}</p> : null}
      <ul className="shop-list" aria-label={t("ops.orders.title")}>
        {orders.map((o) => {
          const mine = data?.intent === "refund" && data.orderId === o.id ? data : null;
          const refundable = ["paid", "confirmed", "partially_refunded"].includes(o.status);
          return (
            <li key={o.id} className="stack">
              <OrderSummary order={o} href={`/orders/${o.id}`} />
              <p className="muted">
                {o.buyer ? t("ops.orders.buyer", { name: `${o.buyer.displayName} @${o.buyer.handle}` }) : t("ops.orders.noBuyer")}
                {o.creator ? ` · ${t("ops.orders.creator", { name: `${o.creator.displayName} @${o.creator.handle}` })}` : ""}
                {o.store ? ` · ${t("order.external", { store: o.store.name })}` : ""}
              </p>
              {mine?.ok ? <Toast>{t("ops.orders.refunded")}</Toast> : null}
              {refundable ? (
                <details open={Boolean(mine?.failure)}>
                  <summary>{t("ops.orders.refund")}</summary>
                  <Form method="post" className="form" noValidate>
                    <FormErrors errors={mine?.failure && !Object.keys(mine.failure.fields).length ? [mine.failure.message] : []} />
                    <input type="hidden" name="intent" value="refund" />
                    <input type="hidden" name="orderId" value={o.id} />
                    <input type="hidden" name="requestKey" value={`web-refund-${o.refundedCents}`} />
                    <div className="field">
                      <label htmlFor={`amount-${o.id}`}>{t("ops.orders.refundAmount")}</label>
                      <input id={`amount-${o.id}`} name="amount" inputMode="decimal" className="input" placeholder={format.money(o.totalCents - o.refundedCents)} defaultValue={mine?.values.amount ?? ""} aria-invalid={mine?.failure?.fields.amountCents ? true : undefined} aria-describedby={mine?.failure?.fields.amountCents ? `amount-${o.id}-errors` : undefined} />
                      <FieldErrorList id={`amount-${o.id}-errors`} errors={mine?.failure?.fields.amountCents} />
                    </div>
                    <div className="field">
                      <label htmlFor={`reason-${o.id}`}>{t("ops.orders.refundReason")}</label>
                      <input id={`reason-${o.id}`} name="reason" className="input" defaultValue={mine?.values.reason ?? ""} aria-invalid={mine?.failure?.fields.reason ? true : undefined} aria-describedby={mine?.failure?.fields.reason ? `reason-${o.id}-errors` : undefined} />
                      <FieldErrorList id={`reason-${o.id}-errors`} errors={mine?.failure?.fields.reason} />
                    </div>
                    <SubmitButton className="btn btn-danger">{t("ops.orders.refundSubmit")}</SubmitButton>
                  </Form>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
      {nextCursor ? (
        <Link className="btn btn-secondary btn-block" to={`/ops/orders?${new URLSearchParams({ ...(current ? { status: current } : {}), cursor: nextCursor })}`}>
          {t("orders.more")}
        </Link>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
