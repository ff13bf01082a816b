import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useFormat, useT } from "~/i18n";
import type { McnRoster } from "../../../server/creators/mcn";
import { RosterChart } from "./roster-chart";

type Roster = SerializeFrom<McnRoster>;
type Row = Roster["rows"][number];

/** A contract's share in basis points as people read it: 15 %, 12.5 %. */
export const sharePercent = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;

/**
 * An MCN's roster — the chart and, per signed creator, posts, followers, 30-day GMV, commission and
 * the MCN's share, with the contract's terms — as its admins (/mcn) and staff (/mcn/<id>) see it.
 * `contractAction` adds the admin's controls under a contract that is not already ending.
 */
export function RosterSection({ roster, contractAction }: { roster: Roster; contractAction?: (row: Row) => ReactNode }) {
  const t = useT();
  const format = useFormat();
  return (
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
                      {t("mcn.contract.terms", { share: sharePercent(r.contract.shareBp), from: format.date(r.contract.startsAt), to: format.date(r.contract.endsAt) })}
                      {r.contract.status === "ending" ? (
                        <div className="muted">{t("mcn.contract.ending", { date: format.date(r.contract.endsAt) })}</div>
                      ) : (
                        contractAction?.(r)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** Contracts that have ended, one line each. */
export function RosterHistory({ history }: { history: Roster["history"] }) {
  const t = useT();
  const format = useFormat();
  if (history.length === 0) return null;
  return (
    <section className="card card-body stack" aria-labelledby="history-h">
      <h2 id="history-h">{t("mcn.history")}</h2>
      <ul className="er-list">
        {history.map((c) => (
          <li key={c.id} className="er-row small">
            {c.creator.displayName} · {t("mcn.contract.terms", { share: sharePercent(c.shareBp), from: format.date(c.startsAt), to: format.date(c.endsAt) })} ·{" "}
            {t("mcn.contract.status.ended")}
          </li>
        ))}
      </ul>
    </section>
  );
}
