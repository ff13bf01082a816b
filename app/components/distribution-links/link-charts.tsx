import { useFormat, useT } from "~/i18n";

/*
 * Small SVG charts for distribution links: axes, value labels, a legend, and a <title> on every bar so
 * pointer and screen-reader users get the exact numbers (the chart's tooltip). No chart library: two
 * bar charts don't justify one in the bundle.
 */

type Day = { date: string; clicks: number; uniqueVisitors: number };

/** Counted clicks (bars) and unique visitors (dots) per day, oldest first. */
export function ClicksPerDayChart({ days, id = "clicks-chart" }: { days: Day[]; id?: string }) {
  const t = useT();
  const format = useFormat();
  const width = 340;
  const height = 180;
  const left = 28;
  const right = 8;
  const top = 16;
  const bottom = 28;
  const max = Math.max(1, ...days.map((d) => d.clicks));
  const ticks = niceTicks(max);
  const top_ = ticks[ticks.length - 1]!;
  const plotH = height - top - bottom;
  const y = (v: number) => height - bottom - (v / top_) * plotH;
  const slot = (width - left - right) / Math.max(days.length, 1);
  const bar = Math.max(4, slot * 0.62);
  return (
    <figure className="dl-chart-figure">
      <svg className="dl-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t("distribution.links.chart.daily")}</title>
        <desc id={`${id}-desc`}>{days.map((d) => `${d.date}: ${d.clicks} / ${d.uniqueVisitors}`).join("; ")}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line className="dl-chart-grid" x1={left} x2={width - right} y1={y(v)} y2={y(v)} />
            <text x={left - 4} y={y(v) + 3} textAnchor="end">
              {format.count(v)}
            </text>
          </g>
        ))}
        <line className="dl-chart-axis" x1={left} x2={width - right} y1={height - bottom} y2={height - bottom} />
        {days.map((d, i) => {
          const x = left + i * slot + (slot - bar) / 2;
          const h = Math.max(d.clicks > 0 ? 2 : 0, height - bottom - y(d.clicks));
          const label = t("distribution.links.chart.dayTip", { date: d.date.slice(5), clicks: d.clicks, visitors: d.uniqueVisitors });
          return (
            <g key={d.date}>
              <rect className="dl-chart-bar" x={x} y={height - bottom - h} width={bar} height={h} rx={2}>
                <title>{label}</title>
              </rect>
              {d.uniqueVisitors > 0 ? (
                <circle className="dl-chart-dot" cx={x + bar / 2} cy={y(d.uniqueVisitors)} r={2.5}>
                  <title>{label}</title>
                </circle>
              ) : null}
              {i % 2 === days.length % 2 || i === days.length - 1 ? (
                <text x={x + bar / 2} y={height - bottom + 14} textAnchor="middle">
                  {d.date.slice(5).replace("-", "/")}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="dl-legend" aria-hidden="true">
        <span>
          <i className="dl-swatch dl-swatch-bar" /> {t("distribution.links.stat.clicks")}
        </span>
        <span>
          <i className="dl-swatch dl-swatch-dot" /> {t("distribution.links.stat.visitors")}
        </span>
      </figcaption>
    </figure>
  );
}

type Compared = { id: string; title: string; clicks: number; uniqueVisitors: number; orders: number };

/** One row per link: clicks and unique visitors as paired horizontal bars on a shared scale, orders as a label. */
export function LinksCompareChart({ links }: { links: Compared[] }) {
  const t = useT();
  const format = useFormat();
  const rows = links.slice(0, 8);
  const width = 340;
  const label = 110;
  const rowH = 34;
  const top = 6;
  const height = top + rows.length * rowH + 22;
  const max = Math.max(1, ...rows.map((l) => l.clicks));
  const ticks = niceTicks(max);
  const top_ = ticks[ticks.length - 1]!;
  const plotW = width - label - 30;
  const x = (v: number) => label + (v / top_) * plotW;
  return (
    <figure className="dl-chart-figure">
      <svg className="dl-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="links-compare-title links-compare-desc">
        <title id="links-compare-title">{t("distribution.links.chart.compare")}</title>
        <desc id="links-compare-desc">
          {rows.map((l) => t("distribution.links.chart.compareTip", { title: l.title, clicks: l.clicks, visitors: l.uniqueVisitors, orders: l.orders })).join("; ")}
        </desc>
        {ticks.map((v) => (
          <g key={v}>
            <line className="dl-chart-grid" x1={x(v)} x2={x(v)} y1={top} y2={height - 18} />
            <text x={x(v)} y={height - 6} textAnchor="middle">
              {format.count(v)}
            </text>
          </g>
        ))}
        {rows.map((l, i) => {
          const y0 = top + i * rowH;
          const tip = t("distribution.links.chart.compareTip", { title: l.title, clicks: l.clicks, visitors: l.uniqueVisitors, orders: l.orders });
          return (
            <g key={l.id}>
              <text x={label - 6} y={y0 + 17} textAnchor="end" className="dl-chart-label">
                {l.title.length > 8 ? `${l.title.slice(0, 8)}…` : l.title}
              </text>
              <rect className="dl-chart-bar" x={label} y={y0 + 4} width={Math.max(l.clicks ? 2 : 0, x(l.clicks) - label)} height={11} rx={2}>
                <title>{tip}</title>
              </rect>
              <rect className="dl-chart-bar-alt" x={label} y={y0 + 16} width={Math.max(l.uniqueVisitors ? 2 : 0, x(l.uniqueVisitors) - label)} height={11} rx={2}>
                <title>{tip}</title>
              </rect>
              <text x={Math.max(x(l.clicks), x(l.uniqueVisitors)) + 4} y={y0 + 19}>
                {l.orders > 0 ? t("distribution.links.chart.orders", { orders: l.orders }) : ""}
              </text>
            </g>
          );
        })}
        <line className="dl-chart-axis" x1={label} x2={label} y1={top} y2={height - 18} />
      </svg>
      <figcaption className="dl-legend" aria-hidden="true">
        <span>
          <i className="dl-swatch dl-swatch-bar" /> {t("distribution.links.stat.clicks")}
        </span>
        <span>
          <i className="dl-swatch dl-swatch-alt" /> {t("distribution.links.stat.visitors")}
        </span>
      </figcaption>
    </figure>
  );
}

/** 0 and three more round steps covering `max` (1, 2, 5 × 10ⁿ). */
function niceTicks(max: number): number[] {
  const raw = max / 3;
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? pow * 10;
  const out = [0];
  while (out[out.length - 1]! < max) out.push(out[out.length - 1]! + step);
  if (out.length === 1) out.push(step);
  return out;
}
