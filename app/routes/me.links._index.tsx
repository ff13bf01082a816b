import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { LinksCompareChart } from "~/components/distribution-links/link-charts";
import { LinkStats } from "~/components/distribution-links/link-stats";
import { hasDistributionRights, listDistributionLinks, requestOrigin } from "~/components/distribution-links/links.server";
import { useT } from "~/i18n";
import linkStyles from "~/styles/distribution-links.css";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

/** 我的推广链接: the member's links with clicks, unique visitors, orders, GMV and commission, and a chart comparing them. */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: linkStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "distribution.links.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const url = new URL(request.url);
  const status = url.searchParams.get("status") === "archived" ? "archived" : "live";
  const [canShare, items] = await Promise.all([
    hasDistributionRights(context.db, user.id),
    listDistributionLinks(context, user, { status }, { origin: requestOrigin(request) }),
  ]);
  return json({ canShare, status, links: items, denied: url.searchParams.has("denied") });
}

export default function MyLinks() {
  const t = useT();
  const { canShare, status, links: items, denied } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("distribution.links.title")} />
      {!canShare || denied ? (
        <div className="card card-body" role={denied ? "alert" : undefined}>
          <strong>{t("distribution.links.noRights.title")}</strong>
          <p className="muted">{t("distribution.links.noRights.body")}</p>
        </div>
      ) : null}
      <nav className="dl-tabs" aria-label={t("distribution.links.title")}>
        <Link to="/me/links" aria-current={status === "live" ? "page" : undefined}>
          {t("distribution.links.tab.live")}
        </Link>
        <Link to="/me/links?status=archived" aria-current={status === "archived" ? "page" : undefined}>
          {t("distribution.links.tab.archived")}
        </Link>
      </nav>
      {items.length === 0 ? (
        <div className="card">
          <EmptyState icon={<span aria-hidden="true">🔗</span>} title={t("distribution.links.empty.title")}>
            {t("distribution.links.empty.body")}
          </EmptyState>
        </div>
      ) : (
        <>
          {items.length > 1 ? (
            <section className="card card-body" aria-labelledby="compare-heading">
              <h2 id="compare-heading" className="dl-h2">
                {t("distribution.links.chart.compare")}
              </h2>
              <LinksCompareChart
                links={items.map((l) => ({ id: l.id, title: l.target.title, clicks: l.stats.clicks, uniqueVisitors: l.stats.uniqueVisitors, orders: l.stats.orders }))}
              />
            </section>
          ) : null}
          <ul className="dl-list" aria-label={t("distribution.links.title")}>
            {items.map((l) => (
              <li key={l.id} className="card card-body dl-row">
                {l.target.imageUrl ? <img className="dl-thumb" src={l.target.imageUrl} alt="" /> : <span className="dl-thumb" aria-hidden="true">{l.target.type === "product" ? "商" : "记"}</span>}
                <div className="stack" style={{ gap: 8 }}>
                  <h2 className="dl-row-title">
                    <Link to={`/me/links/${l.id}`}>{l.target.title}</Link>
                  </h2>
                  <span className="muted small">
                    {t(l.target.type === "product" ? "distribution.links.kind.product" : "distribution.links.kind.post")} · /d/{l.code}
                  </span>
                  <LinkStats stats={l.stats} />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
