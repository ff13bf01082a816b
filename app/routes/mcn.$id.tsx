import { json, redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getMcnRoster, getMyMcn, requireUser } from "~/components/mcn/mcn.server";
import { RosterChart } from "~/components/mcn/roster-chart";
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
  const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
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
      <section className="card card-body stack" aria-labelledby="roster-h">
        <h2 id="roster-h">{t("mcn.roster")}</h2>
        {roster.rows.length === 0 ? (
          <p className="muted">{t("mcn.roster.empty")}</p>
        ) : (
          <>
            <RosterChart points={roster.rows.map((r) => ({ name: r.contract.creator.displayName, gmvCents: r.gmvCents, commissionCents: r.commissionCents }))} />
            <div className="er-table-wrap">
              <table className="er-table">
                <thead>
                  <tr>
                    <th scope="col">{t("mcn.col.creator")}</th>
                    <th scope="col">{t("mcn.col.posts")}</th>
                    <th scope="col">{t("mcn.col.followers")}</th>
                    <th scope="col">{t("mcn.col.gmv")}</th>
                    <th scope="col">{t("mcn.col.commission")}</th>
                    <th scope="col">{t("mcn.col.share")}</th>
                    <th scope="col">{t("mcn.col.contract")}</th>
                  </tr>
                </thead>
                <tbody>
                  {roster.rows.map((r) => (
                    <tr key={r.contract.id}>
                      <th scope="row">
                        <Link to={`/u/${r.contract.creator.handle}`}>{r.contract.creator.displayName}</Link>
                      </th>
                      <td>{format.count(r.posts)}</td>
                      <td>{format.count(r.followers)}</td>
                      <td>{format.money(r.gmvCents)}</td>
                      <td>{format.money(r.commissionCents)}</td>
                      <td>{format.money(r.mcnShareCents)}</td>
                      <td className="small">
                        {t("mcn.contract.terms", { share: pct(r.contract.shareBp), from: format.date(r.contract.startsAt), to: format.date(r.contract.endsAt) })}
                        {r.contract.status === "ending" ? <div className="muted">{t("mcn.contract.ending", { date: format.date(r.contract.endsAt) })}</div> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      {roster.history.length > 0 ? (
        <section className="card card-body stack" aria-labelledby="history-h">
          <h2 id="history-h">{t("mcn.history")}</h2>
          <ul className="er-list">
            {roster.history.map((c) => (
              <li key={c.id} className="er-row small">
                {c.creator.displayName} · {t("mcn.contract.terms", { share: pct(c.shareBp), from: format.date(c.startsAt), to: format.date(c.endsAt) })} · {t("mcn.contract.status.ended")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
