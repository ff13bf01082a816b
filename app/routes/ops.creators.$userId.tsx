import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList } from "~/components/forms";
import { MetricChart } from "~/components/ops-console/metric-chart";
import { formFailure, getCreatorMetrics, requireStaff } from "~/components/ops-console/ops-console.server";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/ops-console.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/**
 * One creator's numbers day by day (staff and admins): the range's totals and daily charts of GMV,
 * orders, commission and clicks — the dashboard's charts, with their table fallbacks — for a date range
 * chosen with a plain GET form.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "opsCreators.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "read:metrics:any");
  const url = new URL(request.url);
  const range = { from: url.searchParams.get("from") || undefined, to: url.searchParams.get("to") || undefined };
  const userId = params.userId ?? "";
  const load = async (r: { from?: string; to?: string }) => {
    try {
      return await getCreatorMetrics(context, staff, userId, r);
    } catch (error) {
      const code = (error as { code?: string }).code;
      const fields = (error as { fields?: Record<string, string[]> }).fields ?? {};
      // No such account (or not an account id at all): this page does not exist.
      if (code === "NOT_FOUND" || (code === "VALIDATION_FAILED" && fields.userId)) throw json(null, { status: 404 });
      throw error;
    }
  };
  try {
    return json({ series: await load(range), fields: {} as Record<string, string[]>, range });
  } catch (error) {
    if (error instanceof Response) throw error;
    // A bad range shows the default one with the field's message beside the form.
    const { failure } = formFailure(error, resolveLocale(request, staff));
    return json({ series: await load({}), fields: failure.fields, range }, { status: 400 });
  }
}

export default function OpsCreator() {
  const t = useT();
  const format = useFormat();
  const { series, fields, range } = useLoaderData<typeof loader>();
  const invalid = Object.keys(fields).length > 0;
  const points = (k: "gmvCents" | "orders" | "commissionCents" | "clicks") => series.days.map((d) => ({ day: d.day, value: d[k] }));
  const totals: { key: UiKey; value: string }[] = [
    { key: "opsCreators.col.gmv", value: format.money(series.totals.gmvCents) },
    { key: "opsCreators.col.commission", value: format.money(series.totals.commissionCents) },
    { key: "opsCreators.col.orders", value: format.count(series.totals.orders) },
    { key: "opsCreators.col.newBuyers", value: format.count(series.totals.newBuyers) },
    { key: "opsCreators.col.clicks", value: format.count(series.totals.clicks) },
    { key: "opsCreators.col.conversion", value: `${(series.totals.conversionBp / 100).toFixed(2)}%` },
  ];
  const back = new URLSearchParams({ from: series.from, to: series.to });
  return (
    <div className="stack">
      <p className="small">
        <Link to={`/ops/creators?${back.toString()}`}>← {t("opsCreators.detail.back")}</Link>
      </p>
      <PageHeader title={series.creator.displayName}>
        {t("opsCreators.detail.intro", { name: series.creator.displayName, handle: series.creator.handle })} <Link to={`/u/${series.creator.handle}`}>{t("opsCreators.detail.profile")}</Link>
      </PageHeader>
      {invalid ? (
        <p role="alert" className="card card-body">
          {t("opsConsole.invalid")}
        </p>
      ) : null}
      <Form method="get" className="card card-body row" aria-label={t("opsConsole.range")}>
        <div className="field">
          <label htmlFor="from">{t("opsConsole.from")}</label>
          <input id="from" name="from" type="date" className="input" defaultValue={invalid ? (range.from ?? "") : series.from} aria-invalid={fields.from ? true : undefined} aria-describedby={fields.from ? "from-errors" : undefined} />
          <ErrorList id="from-errors" errors={fields.from} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("opsConsole.to")}</label>
          <input id="to" name="to" type="date" className="input" defaultValue={invalid ? (range.to ?? "") : series.to} aria-invalid={fields.to ? true : undefined} aria-describedby={fields.to ? "to-errors" : undefined} />
          <ErrorList id="to-errors" errors={fields.to} />
        </div>
        <button type="submit" className="btn btn-secondary">
          {t("opsConsole.apply")}
        </button>
      </Form>
      <p className="small muted">{series.computedAt ? t("opsConsole.computedAt", { time: format.dateTime(series.computedAt) }) : t("opsConsole.neverComputed")}</p>
      <ul className="oc-kpis" aria-label={t("opsCreators.title")} style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {totals.map((k) => (
          <li key={k.key} className="card card-body oc-kpi" data-testid={`total-${k.key.split(".").pop()}`}>
            <span className="small muted">{t(k.key)}</span>
            <strong>{k.value}</strong>
          </li>
        ))}
      </ul>
      <div className="oc-grid-charts">
        <MetricChart id="creator-gmv" title={t("opsCreators.chart.gmv")} points={points("gmvCents")} kind="money" />
        <MetricChart id="creator-orders" title={t("opsCreators.chart.orders")} points={points("orders")} />
        <MetricChart id="creator-commission" title={t("opsCreators.chart.commission")} points={points("commissionCents")} kind="money" />
        <MetricChart id="creator-clicks" title={t("opsCreators.chart.clicks")} points={points("clicks")} />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
