import { useFormat, useT } from "~/i18n";

export interface EarningsPoint {
  date: string;
  earnedCents: number;
  reversedCents: number;
}

/**
 * The last 30 days of commission as a bar chart (plain SVG): one pair of bars per day — earned in the
 * accent colour, reversed by refunds in grey — a y axis with the peak and zero, date ticks at the first,
 * middle and last day, a legend, and a tooltip (<title>) on each day. The description lists every day
 * for screen readers.
 */
export function EarningsChart({ points }: { points: EarningsPoint[] }) {
  const t = useT();
  const format = useFormat();
  const width = 340;
  const height = 170;
  const left = 44;
  const right = 6;
  const top = 12;
  const bottom = 24;
  const max = Math.max(1, ...points.map((p) => Math.max(p.earnedCents, p.reversedCents)));
  const plotH = height - top - bottom;
  const slot = (width - left - right) / Math.max(points.length, 1);
  const bar = Math.max(1.5, slot / 2 - 0.5);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const baseline = top + plotH;
  const label = (date: string) => date.slice(5).replace("-", "/");
  const ticks = points.length > 0 ? [0, Math.floor((points.length - 1) / 2), points.length - 1] : [];
  return (
    <figure className="stack" style={{ margin: 0 }}>
      <svg className="er-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="earnings-chart-title earnings-chart-desc">
        <title id="earnings-chart-title">{t("earnings.chart.title")}</title>
        <desc id="earnings-chart-desc">
          {points
            .filter((p) => p.earnedCents > 0 || p.reversedCents > 0)
            .map((p) => t("earnings.chart.day", { date: p.date, earned: format.money(p.earnedCents), reversed: format.money(p.reversedCents) }))
            .join("; ") || t("earnings.chart.desc")}
        </desc>
        <line className="er-axis" x1={left} x2={width - right} y1={baseline} y2={baseline} />
        <line className="er-axis" x1={left} x2={left} y1={top} y2={baseline} />
        <line className="er-grid" x1={left} x2={width - right} y1={y(max)} y2={y(max)} />
        <text className="er-tick" x={left - 4} y={y(max) + 4} textAnchor="end">
          {format.money(max)}
        </text>
        <text className="er-tick" x={left - 4} y={baseline + 4} textAnchor="end">
          0
        </text>
        {points.map((p, i) => {
          const x = left + i * slot;
          return (
            <g key={p.date}>
              <title>{t("earnings.chart.day", { date: p.date, earned: format.money(p.earnedCents), reversed: format.money(p.reversedCents) })}</title>
              <rect x={x} y={top} width={slot} height={plotH} fill="transparent" />
              {p.earnedCents > 0 ? <rect className="er-bar-earned" x={x + 0.5} y={y(p.earnedCents)} width={bar} height={baseline - y(p.earnedCents)} rx={1} /> : null}
              {p.reversedCents > 0 ? (
                <rect className="er-bar-reversed" x={x + 0.5 + bar} y={y(p.reversedCents)} width={bar} height={baseline - y(p.reversedCents)} rx={1} />
              ) : null}
            </g>
          );
        })}
        {ticks.map((i) => (
          <text key={i} className="er-tick" x={left + i * slot + slot / 2} y={height - 6} textAnchor={i === points.length - 1 ? "end" : i === 0 ? "start" : "middle"}>
            {label(points[i]!.date)}
          </text>
        ))}
      </svg>
      <figcaption className="row small muted">
        <span>
          <svg width="10" height="10" aria-hidden="true">
            <rect className="er-bar-earned" width="10" height="10" rx="2" />
          </svg>{" "}
          {t("earnings.chart.earned")}
        </span>
        <span>
          <svg width="10" height="10" aria-hidden="true">
            <rect className="er-bar-reversed" width="10" height="10" rx="2" />
          </svg>{" "}
          {t("earnings.chart.reversed")}
        </span>
      </figcaption>
    </figure>
  );
}
