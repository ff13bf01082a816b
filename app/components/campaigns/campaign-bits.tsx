import { Link } from "@remix-run/react";
import { useFormat, useT, type UiKey } from "~/i18n";

/** What a campaign card needs (the API's campaign view, as JSON). */
export interface CampaignCardData {
  id: string;
  type: "content_bounty" | "product_push" | "checkin_challenge" | "live_invitation";
  title: string;
  brief: string;
  ownerType: "platform" | "creator";
  creator: { handle: string; displayName: string } | null;
  status: "draft" | "upcoming" | "active" | "ended" | "cancelled";
  coverUrl?: string | null;
  startsAt: string;
  endsAt: string;
  brandName: string | null;
  rewardPoints: number;
  bonusRateBp: number;
  fanGroupOnly: boolean;
  participantCount: number;
  submissionCount: number;
}

export const percentOfBp = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 1)}%`;

export function CampaignMeta({ c }: { c: CampaignCardData }) {
  const t = useT();
  return (
    <div className="cp-chips">
      <span className={`cp-chip cp-type-${c.type}`}>{t(`campaigns.type.${c.type}` as UiKey)}</span>
      <span className={`cp-chip cp-status-${c.status}`}>{t(`campaigns.status.${c.status}` as UiKey)}</span>
      {c.fanGroupOnly ? <span className="cp-chip cp-fans">{t("campaigns.fansOnly")}</span> : null}
      {c.brandName ? <span className="cp-chip cp-brand">{t("campaigns.disclosure.full", { brand: c.brandName })}</span> : null}
    </div>
  );
}

/**
 * "3 天 4 小时后开始" for an upcoming campaign, from the server's time at render (the page is fresh on
 * every visit; a live ticking clock would only differ between server and browser).
 */
export function Countdown({ startsAt, now }: { startsAt: string; now: string }) {
  const t = useT();
  const ms = Math.max(0, Date.parse(startsAt) - Date.parse(now));
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const text =
    days > 0
      ? t("campaigns.countdown.days", { days, hours })
      : minutes >= 60
        ? t("campaigns.countdown.hours", { hours, minutes: minutes % 60 })
        : t("campaigns.countdown.minutes", { minutes });
  return (
    <span className="cp-countdown" data-testid="campaign-countdown">
      <time dateTime={startsAt}>{text}</time>
    </span>
  );
}

export function CampaignCard({ c, now }: { c: CampaignCardData; now?: string }) {
  const t = useT();
  const format = useFormat();
  return (
    <li className="card card-body cp-card" data-testid="campaign-card" data-status={c.status}>
      {c.coverUrl ? <img className="cp-cover" src={c.coverUrl} alt={t("campaigns.cover.alt", { title: c.title })} loading="lazy" /> : null}
      <CampaignMeta c={c} />
      {c.status === "upcoming" && now ? <Countdown startsAt={c.startsAt} now={now} /> : null}
      <h2 className="cp-card-title">
        <Link to={`/campaigns/${c.id}`}>{c.title}</Link>
      </h2>
      <p className="muted small">
        {c.creator ? t("campaigns.owner.creator", { name: c.creator.displayName }) : t("campaigns.owner.platform")} ·{" "}
        {t("campaigns.window", { start: format.date(c.startsAt), end: format.date(c.endsAt) })}
      </p>
      <p className="small">
        {t("campaigns.participants", { count: format.count(c.participantCount) })}
        {c.type === "content_bounty" ? ` · ${t("campaigns.submissions", { count: format.count(c.submissionCount) })}` : ""}
        {c.type === "product_push" ? ` · ${t("campaigns.bonus", { rate: percentOfBp(c.bonusRateBp) })}` : ""}
      </p>
    </li>
  );
}

/** Bars of a count per label (plain SVG): y axis with the peak, first/last labels, a <title> on each bar, the numbers in <desc>. */
export function CountBarChart({ id, title, bars, describe }: { id: string; title: string; bars: { label: string; count: number }[]; describe: (b: { label: string; count: number }) => string }) {
  const width = 340;
  const height = 160;
  const left = 30;
  const right = 6;
  const top = 12;
  const bottom = 24;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const plotH = height - top - bottom;
  const slot = (width - left - right) / Math.max(bars.length, 1);
  const bar = Math.max(4, Math.min(36, slot * 0.6));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const baseline = top + plotH;
  return (
    <figure className="cp-chart-figure">
      <svg className="cp-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{bars.map(describe).join("; ")}</desc>
        <line className="cp-axis" x1={left} x2={width - right} y1={baseline} y2={baseline} />
        <line className="cp-axis" x1={left} x2={left} y1={top} y2={baseline} />
        <text className="cp-tick" x={left - 4} y={y(max) + 4} textAnchor="end">
          {max}
        </text>
        <text className="cp-tick" x={left - 4} y={baseline + 4} textAnchor="end">
          0
        </text>
        {bars.map((b, i) => {
          const x = left + i * slot + (slot - bar) / 2;
          return (
            <g key={b.label}>
              <title>{describe(b)}</title>
              {b.count > 0 ? <rect className="cp-bar" x={x} y={y(b.count)} width={bar} height={baseline - y(b.count)} rx={2} /> : null}
              {i === 0 || i === bars.length - 1 || bars.length <= 7 ? (
                <text className="cp-tick" x={x + bar / 2} y={height - 8} textAnchor="middle">
                  {b.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">{title}</figcaption>
    </figure>
  );
}

/** The 合作 (paid partnership) label on a note in a brand campaign. */
export function DisclosureLabel({ brand }: { brand: string }) {
  const t = useT();
  return (
    <span className="cp-disclosure" title={t("campaigns.brand", { brand })}>
      {t("campaigns.disclosure.full", { brand })}
    </span>
  );
}

/** In place of a fan-only note's pictures and text, for readers outside the fan group. */
export function FanOnlyLock({ handle }: { handle: string }) {
  const t = useT();
  return (
    <div className="cp-locked" role="note">
      <span aria-hidden="true">🔒</span>
      <strong>{t("fans.locked.title")}</strong>
      <Link to={`/u/${handle}/fans`} className="small">
        {t("fans.locked.body")}
      </Link>
    </div>
  );
}
