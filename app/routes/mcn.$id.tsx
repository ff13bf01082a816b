import { json, redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getMcnRoster, getMyMcn, requireUser } from "~/components/mcn/mcn.server";
import { RosterHistory, RosterSection } from "~/components/mcn/roster-table";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useFormat, useT } from "~/i18n";
import styles from "~/styles/earnings.css";
import { titleMeta } from "~/utils/meta";

/**
 * One MCN's roster, read only, for those who may look at an MCN they don't run: staff reviewing its
 * payout (the payout queue links here) and platform admins. The MCN's own admins are sent to /mcn, where
 * they can act on it; anyone else gets the domain's 404.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const [base] = titleMeta(matches, "mcn.roster");
  return [{ title: data ? `${data.roster.mcn.name} · ${(base as { title: string }).title}` : (base as { title: string }).title }];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = params.id ?? "";
  const mine = await getMyMcn(context, user);
  if (mine?.id === id) throw redirect("/mcn");
  return json({ roster: await getMcnRoster(context, user, id) });
}

export default function McnRosterView() {
  const t = useT();
  const format = useFormat();
  const { roster } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p className="small">
        <Link to="/ops/payouts">← {t("mcn.view.back")}</Link>
      </p>
      <PageHeader title={roster.mcn.name}>{t("mcn.view.intro")}</PageHeader>
      <dl className="er-stats">
        <div className="er-stat er-stat-main">
          <dt>{t("mcn.balance.earnings")}</dt>
          <dd data-testid="mcn-earnings">{format.money(roster.earningsCents)}</dd>
        </div>
        <div className="er-stat">
          <dt>{t("mcn.balance.pending")}</dt>
          <dd>{format.money(roster.pendingCents)}</dd>
        </div>
      </dl>
      <RosterSection roster={roster} />
      <RosterHistory history={roster.history} />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
