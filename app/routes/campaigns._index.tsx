import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CampaignCard } from "~/components/campaigns/campaign-bits";
import { listCampaigns, mayRunCampaigns } from "~/components/campaigns/campaigns.server";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useT, type UiKey } from "~/i18n";
import styles from "~/styles/campaigns.css";
import { titleMeta } from "~/utils/meta";
import { getUser } from "~/utils/session.server";

/**
 * 活动广场: running campaigns first, then upcoming ones (with their countdown), ended and cancelled;
 * `?status=` shows one state. Staff and C2+ creators see "start a campaign".
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "campaigns.title");

const FILTERS = ["active", "upcoming", "ended", "cancelled"] as const;
type Filter = (typeof FILTERS)[number];
const isFilter = (v: string | null): v is Filter => (FILTERS as readonly (string | null)[]).includes(v);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const param = new URL(request.url).searchParams.get("status");
  // An unknown filter shows everything rather than an error page: it is a link someone typed.
  const status = isFilter(param) ? param : null;
  const [lists, canCreate] = await Promise.all([
    status
      ? listCampaigns(context, user, { status, limit: 50 }).then((l) => [l])
      : Promise.all([
          listCampaigns(context, user, { status: "active", limit: 50 }),
          listCampaigns(context, user, { status: "upcoming", limit: 20 }),
          listCampaigns(context, user, { status: "ended", limit: 20 }),
          listCampaigns(context, user, { status: "cancelled", limit: 10 }),
        ]),
    user ? mayRunCampaigns(context.db, user) : Promise.resolve(false),
  ]);
  return json({ campaigns: lists.flat(), canCreate, status, now: context.clock.now().toISOString() });
}

export default function Campaigns() {
  const t = useT();
  const { campaigns, canCreate, status, now } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("campaigns.title")}>{t("campaigns.intro")}</PageHeader>
      {canCreate ? (
        <p>
          <Link to="/campaigns/new" className="btn btn-primary">
            {t("campaigns.new")}
          </Link>
        </p>
      ) : null}
      <nav aria-label={t("campaigns.filter.label")}>
        <ul className="cp-filter">
          <li>
            <Link to="/campaigns" aria-current={status === null ? "page" : undefined}>
              {t("campaigns.filter.all")}
            </Link>
          </li>
          {FILTERS.map((f) => (
            <li key={f}>
              <Link to={`/campaigns?status=${f}`} aria-current={status === f ? "page" : undefined}>
                {t(`campaigns.status.${f}` as UiKey)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {campaigns.length === 0 ? (
        <div className="card">
          <EmptyState icon={<span aria-hidden="true">🎯</span>} title={status ? t("campaigns.filter.empty") : t("campaigns.empty.title")}>
            {t("campaigns.empty.body")}
          </EmptyState>
        </div>
      ) : (
        <ul className="cp-list" aria-label={t("campaigns.title")}>
          {campaigns.map((c) => (
            <CampaignCard key={c.id} c={c} now={now} />
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
