import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getMyCreatorTier, requireStaff } from "~/components/mcn/mcn.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useFormat, useT, type UiKey } from "~/i18n";
import earningsStyles from "~/styles/earnings.css";
import pointsStyles from "~/styles/points.css";
import { titleMeta } from "~/utils/meta";

/**
 * A creator's tier (C1–C4): the multiplier it sets, the last-30-day standing, a progress bar to the next
 * tier with the exact remainder, the demotion grace if one runs (with its date), and the history.
 */

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: earningsStyles },
  { rel: "stylesheet", href: pointsStyles },
];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "tier.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context, "read:commission:own");
  return json({ tier: await getMyCreatorTier(context, user) });
}

export default function CreatorTier() {
  const t = useT();
  const format = useFormat();
  const { tier } = useLoaderData<typeof loader>();
  const s = tier.stats;
  const next = tier.next;
  const percent = next ? Math.round(next.progress * 100) : 100;
  const shortText = (sh: typeof s) =>
    [sh.followers > 0 ? t("tier.short.followers", { n: format.count(sh.followers) }) : null, t("tier.short.any", { engagement: format.count(sh.engagement30d), fans: format.count(sh.fanGroupSize), gmv: format.money(sh.gmv30dCents) })]
      .filter(Boolean)
      .join("；");
  const caption = next ? shortText(next.shortfall) : t("tier.next.top");
  return (
    <div className="stack">
      <PageHeader title={t("tier.title")}>{t("tier.intro")}</PageHeader>
      <section className="card card-body stack" aria-labelledby="tier-now">
        <div className="pt-progress-head">
          <span className="pt-level-chip" id="tier-now" data-testid="creator-tier">
            {tier.tier}
          </span>
          <strong>{t("tier.multiplier", { x: (tier.multiplierBp / 10_000).toFixed(2) })}</strong>
          {tier.since ? <span className="muted small">{t("tier.since", { date: format.date(tier.since) })}</span> : null}
        </div>
        {tier.grace ? (
          <p className="notice notice-error" role="status">
            {t("tier.grace", { date: format.date(tier.grace.demoteAfter), tier: tier.grace.pendingTier })} {shortText(tier.grace.shortfall)}
          </p>
        ) : null}
        <div className="pt-progress">
          <div className="pt-progress-head">
            <strong>{next ? t("tier.next", { tier: next.tier }) : t("tier.next.top")}</strong>
            <span className="muted small pt-progress-value">{percent}%</span>
          </div>
          <div className="pt-bar" role="progressbar" aria-label={next ? t("tier.next", { tier: next.tier }) : t("tier.next.top")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={caption}>
            <span className="pt-bar-fill" style={{ width: `${percent}%` }} />
          </div>
          <p className="small pt-progress-caption">{caption}</p>
          {next ? (
            <p className="small muted">
              {t("tier.need", {
                followers: format.count(tier.settings.thresholds[next.tier].followers),
                engagement: format.count(tier.settings.thresholds[next.tier].engagement30d),
                fans: format.count(tier.settings.thresholds[next.tier].fanGroupSize),
                gmv: format.money(tier.settings.thresholds[next.tier].gmv30dCents),
              })}
            </p>
          ) : null}
        </div>
      </section>
      <section className="card card-body stack" aria-labelledby="tier-stats">
        <h2 id="tier-stats">{t("tier.stats")}</h2>
        <dl className="er-stats">
          <div className="er-stat">
            <dt>{t("tier.stat.followers")}</dt>
            <dd>{format.count(s.followers)}</dd>
          </div>
          <div className="er-stat">
            <dt>{t("tier.stat.engagement")}</dt>
            <dd>{format.count(s.engagement30d)}</dd>
          </div>
          <div className="er-stat">
            <dt>{t("tier.stat.fans")}</dt>
            <dd>{format.count(s.fanGroupSize)}</dd>
          </div>
          <div className="er-stat">
            <dt>{t("tier.stat.gmv")}</dt>
            <dd>{format.money(s.gmv30dCents)}</dd>
          </div>
        </dl>
      </section>
      <section className="card card-body stack" aria-labelledby="tier-history">
        <h2 id="tier-history">{t("tier.history")}</h2>
        {tier.history.length === 0 ? (
          <p className="muted">{t("tier.history.empty")}</p>
        ) : (
          <ol className="er-list">
            {tier.history.map((h, i) => (
              <li key={i} className="er-row small">
                <strong>{t(`tier.reason.${h.reason}` as UiKey)}</strong> {h.fromTier ? `${h.fromTier} → ` : ""}
                {h.toTier} · <span className="muted">{format.dateTime(h.at)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
