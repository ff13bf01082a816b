import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CampaignMeta } from "~/components/campaigns/campaign-bits";
import { getCampaignResults, type SubmissionView } from "~/components/campaigns/campaigns.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useFormat, useT } from "~/i18n";
import styles from "~/styles/campaigns.css";
import { rethrowAsResponse } from "~/utils/feed.server";
import { getUser } from "~/utils/session.server";

/**
 * 活动结果: what a campaign came to — the selected (approved) entries with the top picks first, the
 * points and cash paid, how many took part and entered, and a chart of joins and entries per day.
 * Public: anyone may see who won; rejected entries stay with the judges on the campaign page.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: `${data.title} · Seedbed` }] : []);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const results = await getCampaignResults(context, user, params.campaignId ?? "").catch(rethrowAsResponse);
  // The results are the selected entries, whoever looks (judges review the rest on the campaign page).
  const approved = results.submissions.filter((s) => s.status === "approved");
  return json({
    title: results.campaign.title,
    campaign: results.campaign,
    approved,
    pointsPaid: results.pointsPaid,
    cashPaidCents: results.cashPaidCents,
    activity: results.activity,
  });
}

type Day = { day: string; participants: number; submissions: number };

/** Two bars a day (joins, entries): axes with the peak, a legend, a tooltip (<title>) on each day, the numbers in <desc>. */
function ActivityChart({ days }: { days: Day[] }) {
  const t = useT();
  const width = 340;
  const height = 170;
  const left = 30;
  const right = 6;
  const top = 12;
  const bottom = 24;
  const max = Math.max(1, ...days.flatMap((d) => [d.participants, d.submissions]));
  const plotH = height - top - bottom;
  const slot = (width - left - right) / Math.max(days.length, 1);
  const bar = Math.max(2, Math.min(16, slot * 0.35));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const baseline = top + plotH;
  const label = (day: string) => day.slice(5).replace("-", "/");
  const describe = (d: Day) => t("campaigns.activity.day", { day: label(d.day), participants: d.participants, submissions: d.submissions });
  return (
    <figure className="cp-chart-figure" data-testid="campaign-activity-chart">
      <ul className="cp-legend">
        <li>
          <span className="cp-swatch" aria-hidden="true" />
          {t("campaigns.activity.participants")}
        </li>
        <li>
          <span className="cp-swatch cp-swatch-2" aria-hidden="true" />
          {t("campaigns.activity.submissions")}
        </li>
      </ul>
      <svg className="cp-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="cp-activity-title cp-activity-desc">
        <title id="cp-activity-title">{t("campaigns.activity.title")}</title>
        <desc id="cp-activity-desc">{days.map(describe).join("; ")}</desc>
        <line className="cp-axis" x1={left} x2={width - right} y1={baseline} y2={baseline} />
        <line className="cp-axis" x1={left} x2={left} y1={top} y2={baseline} />
        <text className="cp-tick" x={left - 4} y={y(max) + 4} textAnchor="end">
          {max}
        </text>
        <text className="cp-tick" x={left - 4} y={baseline + 4} textAnchor="end">
          0
        </text>
        {days.map((d, i) => {
          const x = left + i * slot + (slot - 2 * bar) / 2;
          return (
            <g key={d.day}>
              <title>{describe(d)}</title>
              {/* A transparent hit area, so the tooltip shows over empty days too. */}
              <rect x={left + i * slot} y={top} width={slot} height={plotH} fill="transparent" />
              {d.participants > 0 ? <rect className="cp-bar" x={x} y={y(d.participants)} width={bar} height={baseline - y(d.participants)} rx={1} /> : null}
              {d.submissions > 0 ? <rect className="cp-bar cp-bar-2" x={x + bar} y={y(d.submissions)} width={bar} height={baseline - y(d.submissions)} rx={1} /> : null}
              {i === 0 || i === days.length - 1 || days.length <= 7 ? (
                <text className="cp-tick" x={x + bar} y={height - 8} textAnchor="middle">
                  {label(d.day)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">{t("campaigns.activity.title")}</figcaption>
    </figure>
  );
}

function EntryRow({ s }: { s: SubmissionView }) {
  const t = useT();
  const format = useFormat();
  return (
    <li className="cp-row" data-testid="campaign-result">
      <div className="cp-row-head">
        <Link to={`/n/${s.post.id}`}>{s.post.title}</Link>
        {s.topPick ? <span className="cp-chip cp-brand">{t("campaigns.sub.top")}</span> : null}
      </div>
      <span className="muted small">
        <Link to={`/u/${s.member.handle}`}>{s.member.displayName}</Link>
        {s.rewardedPoints > 0 ? ` · ${t("campaigns.sub.points", { points: format.count(s.rewardedPoints) })}` : ""}
        {s.rewardedCents > 0 ? ` · ${t("campaigns.sub.cash", { amount: format.money(s.rewardedCents) })}` : ""}
      </span>
    </li>
  );
}

export default function CampaignResultsPage() {
  const t = useT();
  const format = useFormat();
  const { campaign: c, approved, pointsPaid, cashPaidCents, activity } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("campaigns.results.title", { title: c.title })} />
      <CampaignMeta c={c} />
      <p>
        <Link to={`/campaigns/${c.id}`}>{t("campaigns.results.back")}</Link>
      </p>
      <section className="card card-body cp-section" aria-labelledby="cp-summary">
        <h2 id="cp-summary">{t("campaigns.results")}</h2>
        <p data-testid="campaign-counts">{t("campaigns.results.counts", { participants: format.count(c.participantCount), submissions: format.count(c.submissionCount) })}</p>
        <p className="small">
          {t("campaigns.results.pointsPaid", { points: format.count(pointsPaid) })}
          {cashPaidCents > 0 ? ` · ${t("campaigns.results.cashPaid", { amount: format.money(cashPaidCents) })}` : ""}
        </p>
        <ActivityChart days={activity} />
      </section>
      <section className="card card-body cp-section" aria-labelledby="cp-approved">
        <h2 id="cp-approved">{t("campaigns.results.approved")}</h2>
        {approved.length === 0 ? (
          <p className="muted small">{t("campaigns.results.noneApproved")}</p>
        ) : (
          <ol className="cp-rows" aria-labelledby="cp-approved">
            {approved.map((s) => (
              <EntryRow key={s.id} s={s} />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
