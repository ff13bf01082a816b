import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CampaignCard } from "~/components/campaigns/campaign-bits";
import { listCampaigns, mayRunCampaigns } from "~/components/campaigns/campaigns.server";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useT } from "~/i18n";
import styles from "~/styles/campaigns.css";
import { titleMeta } from "~/utils/meta";
import { getUser } from "~/utils/session.server";

/** 活动广场: running campaigns first, then ended ones; staff and C2+ creators see "start a campaign". */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "campaigns.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const [active, ended, canCreate] = await Promise.all([
    listCampaigns(context, user, { status: "active", limit: 50 }),
    listCampaigns(context, user, { status: "ended", limit: 20 }),
    user ? mayRunCampaigns(context.db, user) : Promise.resolve(false),
  ]);
  return json({ campaigns: [...active, ...ended], canCreate });
}

export default function Campaigns() {
  const t = useT();
  const { campaigns, canCreate } = useLoaderData<typeof loader>();
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
      {campaigns.length === 0 ? (
        <div className="card">
          <EmptyState icon={<span aria-hidden="true">🎯</span>} title={t("campaigns.empty.title")}>
            {t("campaigns.empty.body")}
          </EmptyState>
        </div>
      ) : (
        <ul className="cp-list" aria-label={t("campaigns.title")}>
          {campaigns.map((c) => (
            <CampaignCard key={c.id} c={c} />
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
