import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ProgressBar, percentOf } from "~/components/distribution-rights/progress";
import { getMyDistributionRights } from "~/components/distribution-rights/rights.server";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/distribution-rights.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

/**
 * 分销权限: which path the member is on, and a checklist of every path with progress bars and what is
 * still missing ("还差 2 天签到"), with the way to the link form once unlocked and to membership plans.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "rights.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json({ rights: await getMyDistributionRights(context, user, resolveLocale(request, user)) });
}

const pathKey = (path: string) => `rights.path.${path}` as UiKey;

export default function MyDistributionRights() {
  const t = useT();
  const format = useFormat();
  const { rights } = useLoaderData<typeof loader>();
  const amount = (key: string, n: number) => (key === "purchaseCents" ? format.money(n) : format.count(n));
  return (
    <div className="stack">
      <PageHeader title={t("rights.title")}>{t("rights.intro")}</PageHeader>
      <section className="card card-body dr-status" aria-live="polite">
        <div className="dr-status-head">
          <span className={rights.hasRights ? "dr-state dr-state-on" : "dr-state"}>{t(rights.hasRights ? "rights.status.on" : "rights.status.off")}</span>
          {rights.path ? <strong>{t("rights.status.via", { path: t(pathKey(rights.path)) })}</strong> : null}
        </div>
        {rights.hasRights && rights.grantedAt ? <span className="muted">{t("rights.status.since", { date: format.date(rights.grantedAt) })}</span> : null}
        {!rights.hasRights && rights.revokedAt ? <span className="muted">{t("rights.status.revoked", { date: format.date(rights.revokedAt) })}</span> : null}
        {rights.membership ? <span className="muted">{t("rights.membershipNow", { name: rights.membership.name, date: format.date(rights.membership.endsAt) })}</span> : null}
        <div className="dr-actions">
          {rights.hasRights ? (
            <Link className="btn btn-primary" to="/me/links">
              {t("rights.cta.links")}
            </Link>
          ) : null}
          <Link className={rights.hasRights ? "btn btn-secondary" : "btn btn-primary"} to="/membership">
            {t("rights.cta.membership")}
          </Link>
        </div>
      </section>

      <section className="stack" aria-labelledby="rights-checklist">
        <h2 id="rights-checklist" className="section-title">
          {t("rights.checklist")}
        </h2>
        <ul className="dr-paths">
          {rights.paths
            .filter((p) => p.path !== "staff" || p.satisfied)
            .map((p) => (
              <li key={p.path} className={`card card-body dr-path${rights.path === p.path ? " dr-path-current" : ""}`} data-testid={`rights-path-${p.path}`}>
                <div className="dr-path-head">
                  <h3>{t(pathKey(p.path))}</h3>
                  <span className={p.satisfied ? "chip" : "chip chip-muted"}>
                    {rights.path === p.path ? t("rights.path.current") : t(!p.enabled ? "rights.path.disabled" : p.satisfied ? "rights.path.satisfied" : "rights.path.notSatisfied")}
                  </span>
                </div>
                <ul className="dr-reqs">
                  {p.requirements.map((r) => (
                    <li key={r.key} className="dr-req">
                      <div className="dr-req-line">
                        <span>{r.label}</span>
                        {r.need > 1 ? <span className="muted">{t("rights.progress", { have: amount(r.key, r.have), need: amount(r.key, r.need) })}</span> : null}
                      </div>
                      <ProgressBar value={r.have} max={r.need} label={t("rights.progressLabel", { label: r.label, percent: percentOf(r.have, r.need) })} />
                      {r.missingText ? <span className="dr-req-missing">{r.missingText}</span> : <span className="dr-req-met">✓ {t("rights.path.satisfied")}</span>}
                    </li>
                  ))}
                </ul>
                {p.path === "tasks" && !p.satisfied && p.enabled ? (
                  <>
                    <span className="muted small">{t("rights.window", { from: rights.window.from, to: rights.window.to })}</span>
                    <Link to="/checkin">{t("rights.cta.checkin")}</Link>
                  </>
                ) : null}
                {p.path === "membership" && !p.satisfied && p.enabled ? <Link to="/membership">{t("rights.cta.membership")}</Link> : null}
              </li>
            ))}
        </ul>
      </section>

      {rights.history.length > 0 ? (
        <section className="card card-body stack" aria-labelledby="rights-history">
          <h2 id="rights-history" className="section-title">
            {t("rights.history")}
          </h2>
          <ul className="dr-list">
            {rights.history.map((h) => (
              <li key={h.at + (h.toPath ?? "none")} className="row">
                <span className="muted">{format.dateTime(h.at)}</span>
                <span>
                  {h.toPath && !h.fromPath
                    ? t("rights.history.granted", { path: t(pathKey(h.toPath)) })
                    : h.toPath && h.fromPath
                      ? t("rights.history.moved", { from: t(pathKey(h.fromPath)), to: t(pathKey(h.toPath)) })
                      : t("rights.history.revoked", { path: t(pathKey(h.fromPath ?? "tasks")) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
