import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { getPlatformMetrics, requireStaff } from "~/components/ops-console/ops-console.server";
import { CohortTable, MetricChart } from "~/components/ops-console/metric-chart";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/ops-console.css";
import { titleMeta } from "~/utils/meta";

/**
 * The ops console's home (staff and admins): the KPI dashboard for a date range (a plain GET form, so it
 * works without JavaScript), the top creators and retention cohorts, and links to every ops page.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "opsConsole.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "read:metrics:any");
  const url = new URL(request.url);
  const range = { from: url.searchParams.get("from") || undefined, to: url.searchParams.get("to") || undefined };
  try {
    return json({ metrics: await getPlatformMetrics(context, staff, range), invalid: false });
  } catch {
    // A hand-edited URL with a bad range shows the default range with a note, rather than an error page.
    return json({ metrics: await getPlatformMetrics(context, staff, {}), invalid: true }, { status: 400 });
  }
}

const HUB: { group: UiKey; links: { to: string; key: UiKey }[] }[] = [
  {
    group: "opsConsole.hub.rules",
    links: [
      { to: "/ops/points", key: "opsConsole.hub.points" },
      { to: "/ops/levels", key: "opsConsole.hub.levels" },
      { to: "/ops/distribution-rights", key: "opsConsole.hub.eligibility" },
      { to: "/ops/attribution", key: "opsConsole.hub.attribution" },
      { to: "/ops/badges", key: "opsConsole.hub.badges" },
    ],
  },
  {
    group: "opsConsole.hub.content",
    links: [
      { to: "/ops/moderation", key: "opsConsole.hub.moderation" },
      { to: "/ops/categories", key: "opsConsole.hub.categories" },
      { to: "/ops/curation", key: "opsConsole.hub.curation" },
      { to: "/ops/audience", key: "opsConsole.hub.audience" },
    ],
  },
  {
    group: "opsConsole.hub.creators",
    links: [
      { to: "/ops/creators", key: "opsConsole.hub.creatorMetrics" },
      { to: "/ops/creators/applications", key: "opsConsole.hub.applications" },
      { to: "/ops/creators/candidates", key: "opsConsole.hub.candidates" },
      { to: "/ops/creator-tiers", key: "opsConsole.hub.tiers" },
      { to: "/ops/campaigns", key: "opsConsole.hub.campaigns" },
    ],
  },
  {
    group: "opsConsole.hub.commerce",
    links: [
      { to: "/ops/products", key: "opsConsole.hub.products" },
      { to: "/ops/orders", key: "opsConsole.hub.orders" },
      { to: "/ops/stores", key: "opsConsole.hub.stores" },
      { to: "/ops/rewards", key: "opsConsole.hub.rewards" },
      { to: "/ops/redemptions", key: "opsConsole.hub.redemptions" },
      { to: "/ops/membership", key: "opsConsole.hub.membership" },
      { to: "/ops/payouts", key: "opsConsole.hub.payouts" },
      { to: "/ops/fraud", key: "opsConsole.hub.fraud" },
    ],
  },
  {
    group: "opsConsole.hub.system",
    links: [
      { to: "/ops/outbox", key: "opsConsole.hub.outbox" },
      { to: "/ops/audit", key: "opsConsole.hub.audit" },
    ],
  },
];

export default function OpsDashboard() {
  const t = useT();
  const format = useFormat();
  const { metrics, invalid } = useLoaderData<typeof loader>();
  const series = (k: keyof (typeof metrics.days)[number]) => metrics.days.map((d) => ({ day: d.day, value: Number(d[k]) }));
  const kpis: { key: UiKey; value: string }[] = [
    { key: "opsConsole.kpi.averageDau", value: format.count(metrics.totals.averageDau) },
    { key: "opsConsole.kpi.mau", value: format.count(metrics.totals.mau) },
    { key: "opsConsole.kpi.newMembers", value: format.count(metrics.totals.newMembers) },
    { key: "opsConsole.kpi.notes", value: format.count(metrics.totals.notes) },
    { key: "opsConsole.kpi.gmv", value: format.money(metrics.totals.linkGmvCents) },
    { key: "opsConsole.kpi.orders", value: format.count(metrics.totals.linkOrders) },
    { key: "opsConsole.kpi.commission", value: format.money(metrics.totals.commissionCents) },
    { key: "opsConsole.kpi.conversion", value: `${(metrics.totals.conversionBp / 100).toFixed(2)}%` },
  ];
  return (
    <div className="stack">
      <PageHeader title={t("opsConsole.title")}>{t("opsConsole.intro")}</PageHeader>
      {invalid ? (
        <p role="alert" className="card card-body">
          {t("opsConsole.invalid")}
        </p>
      ) : null}
      <Form method="get" className="card card-body row" aria-label={t("opsConsole.range")}>
        <div className="field">
          <label htmlFor="from">{t("opsConsole.from")}</label>
          <input id="from" name="from" type="date" className="input" defaultValue={metrics.from} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("opsConsole.to")}</label>
          <input id="to" name="to" type="date" className="input" defaultValue={metrics.to} />
        </div>
        <button type="submit" className="btn btn-secondary">
          {t("opsConsole.apply")}
        </button>
      </Form>
      <p className="small muted">
        {metrics.computedAt ? t("opsConsole.computedAt", { time: format.dateTime(metrics.computedAt) }) : t("opsConsole.neverComputed")} · {t("opsConsole.activeDefinition")}
      </p>
      <ul className="oc-kpis" aria-label={t("opsConsole.title")} style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {kpis.map((k) => (
          <li key={k.key} className="card card-body oc-kpi" data-testid={`kpi-${k.key.split(".").pop()}`}>
            <span className="small muted">{t(k.key)}</span>
            <strong>{k.value}</strong>
          </li>
        ))}
      </ul>
      <div className="oc-grid-charts">
        <MetricChart id="dau" title={t("opsConsole.chart.dau")} points={series("dau")} />
        <MetricChart id="mau" title={t("opsConsole.chart.mau")} points={series("mau")} />
        <MetricChart id="new-members" title={t("opsConsole.chart.newMembers")} points={series("newMembers")} />
        <MetricChart id="notes" title={t("opsConsole.chart.notes")} points={series("notes")} />
        <MetricChart id="checkins" title={t("opsConsole.chart.checkins")} points={series("checkins")} />
        <MetricChart id="challenge-joins" title={t("opsConsole.chart.challengeJoins")} points={series("challengeJoins")} />
        <MetricChart id="gmv" title={t("opsConsole.chart.gmv")} points={series("linkGmvCents")} kind="money" />
        <MetricChart id="orders" title={t("opsConsole.chart.orders")} points={series("linkOrders")} />
        <MetricChart id="clicks" title={t("opsConsole.chart.clicks")} points={series("linkClicks")} />
        <MetricChart id="commission" title={t("opsConsole.chart.commission")} points={series("commissionCents")} kind="money" />
      </div>
      <section className="card card-body stack" aria-labelledby="top-creators">
        <h2 id="top-creators" className="section-title">
          {t("opsConsole.topCreators")}
        </h2>
        {metrics.topCreators.length === 0 ? (
          <p className="muted">{t("opsConsole.noCreators")}</p>
        ) : (
          <div className="oc-scroll">
            <table className="oc-table" data-testid="top-creators">
              <thead>
                <tr>
                  <th scope="col">{t("opsConsole.creator")}</th>
                  <th scope="col">{t("opsConsole.creator.gmv")}</th>
                  <th scope="col">{t("opsConsole.creator.orders")}</th>
                  <th scope="col">{t("opsConsole.creator.commission")}</th>
                  <th scope="col">{t("opsConsole.creator.newBuyers")}</th>
                </tr>
              </thead>
              <tbody>
                {metrics.topCreators.map((c) => (
                  <tr key={c.creatorId}>
                    <th scope="row">
                      <Link to={`/ops/creators/${c.creatorId}?from=${metrics.from}&to=${metrics.to}`}>{c.displayName}</Link>
                    </th>
                    <td>{format.money(c.gmvCents)}</td>
                    <td>{format.count(c.orders)}</td>
                    <td>{format.money(c.commissionCents)}</td>
                    <td>{format.count(c.newBuyers)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <Link to={`/ops/creators?from=${metrics.from}&to=${metrics.to}`}>{t("opsCreators.viewAll")} →</Link>
        </p>
      </section>
      <section className="card card-body stack" aria-labelledby="cohorts">
        <h2 id="cohorts" className="section-title">
          {t("opsConsole.cohorts.title")}
        </h2>
        {metrics.cohorts.length === 0 ? <p className="muted">{t("opsConsole.cohorts.empty")}</p> : <CohortTable cohorts={metrics.cohorts} />}
      </section>
      <nav className="card card-body stack" aria-labelledby="ops-hub">
        <h2 id="ops-hub" className="section-title">
          {t("opsConsole.hub.title")}
        </h2>
        {HUB.map((g) => (
          <section key={g.group} className="stack">
            <h3 className="small muted">{t(g.group)}</h3>
            <ul className="oc-links">
              {g.links.map((l) => (
                <li key={l.to}>
                  <Link to={l.to} className="btn btn-secondary">
                    {t(l.key)}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
