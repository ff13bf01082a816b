import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { SproutIcon } from "~/components/icons";
import { LedgerList } from "~/components/points/ledger-list";
import { LevelProgressBar } from "~/components/points/level-progress";
import { getPointsSummary, listPointsLedger, platformToday } from "~/components/points/points.server";
import { useFormat, useT } from "~/i18n";
import pointsStyles from "~/styles/points.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "points.ledger.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: pointsStyles }];

/** The member's balances and one page of their ledger; `?cursor=` pages back without JavaScript. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
  const [summary, page] = await Promise.all([
    getPointsSummary(context.db, user.id, { today: platformToday(context), locale }),
    // A stale or edited cursor starts again from the newest instead of failing the page.
    listPointsLedger(context, user.id, { cursor, limit: 20 }, locale).catch(() => listPointsLedger(context, user.id, { limit: 20 }, locale)),
  ]);
  return json({ summary, page, paged: Boolean(cursor) });
}

export default function MyPoints() {
  const t = useT();
  const format = useFormat();
  const { summary, page, paged } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("points.ledger.title")}>{t("points.ledger.intro")}</PageHeader>
      <section className="card card-body stack" aria-label={t("points.card.title")}>
        <dl className="pt-stats">
          <div className="pt-stat">
            <dt>{t("points.ledger.balance")}</dt>
            <dd data-testid="points-available">{format.count(summary.points)}</dd>
          </div>
          <div className="pt-stat">
            <dt>{t("points.ledger.pending")}</dt>
            <dd>{format.count(summary.pendingPoints)}</dd>
          </div>
          <div className="pt-stat">
            <dt>{t("points.ledger.growth")}</dt>
            <dd>{format.count(summary.growth)}</dd>
          </div>
        </dl>
        <Link to="/levels" className="pt-card-level">
          <LevelProgressBar progress={summary.level} />
        </Link>
      </section>

      {page.items.length === 0 ? (
        <div className="card">
          <EmptyState icon={<SproutIcon size={44} />} title={t("points.ledger.empty.title")}>
            {t("points.ledger.empty.body")}
          </EmptyState>
        </div>
      ) : (
        <LedgerList items={page.items} />
      )}
      <nav className="pt-pager" aria-label={t("points.ledger.list")}>
        {paged ? (
          <Link to="/me/points" className="btn btn-secondary btn-small">
            {t("points.ledger.newest")}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link to={`/me/points?cursor=${encodeURIComponent(page.nextCursor)}`} className="btn btn-secondary btn-small" rel="next">
            {t("points.ledger.more")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
