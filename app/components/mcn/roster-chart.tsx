import { useFormat, useT } from "~/i18n";

export interface RosterPoint {
  name: string;
  gmvCents: number;
  commissionCents: number;
}

/**
 * One horizontal pair of bars per signed creator — 30-day GMV and commission, each on its own scale so
 * commission stays visible beside GMV — with the amounts written at the bar ends, a legend, a tooltip
 * (<title>) per row, and a description listing every creator for screen readers. Plain SVG.
 */
export function RosterChart({ points }: { points: RosterPoint[] }) {
  const t = useT();
  const format = useFormat();
  const width = 340;
  const row = 34;
  const left = 84;
  const right = 70;
  const top = 8;
  const height = top + Math.max(1, points.length) * row + 6;
  const maxGmv = Math.max(1, ...points.map((p) => p.gmvCents));
  const maxCom = Math.max(1, ...points.map((p) => p.commissionCents));
  const plotW = width - left - right;
  const rowText = (p: RosterPoint) => t("mcn.chart.row", { name: p.name, gmv: format.money(p.gmvCents), commission: format.money(p.commissionCents) });
  return (
    <figure className="stack" style={{ margin: 0 }}>
      <svg className="er-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="roster-chart-title roster-chart-desc">
        <title id="roster-chart-title">{t("mcn.chart.title")}</title>
        <desc id="roster-chart-desc">{points.map(rowText).join("; ")}</desc>
        <line className="er-axis" x1={left} x2={left} y1={top} y2={height - 6} />
        {points.map((p, i) => {
          const y = top + i * row;
          const g = (p.gmvCents / maxGmv) * plotW;
          const c = (p.commissionCents / maxCom) * plotW;
          return (
            <g key={`${p.name}-${i}`}>
              <title>{rowText(p)}</title>
              <text className="er-tick" x={left - 4} y={y + 17} textAnchor="end">
                {p.name.length > 8 ? `${p.name.slice(0, 7)}…` : p.name}
              </text>
              <rect className="er-bar-earned" x={left} y={y + 3} width={Math.max(g, 1)} height={12} rx={2} />
              <text className="er-tick" x={left + Math.max(g, 1) + 3} y={y + 13}>
                {format.money(p.gmvCents)}
              </text>
              <rect className="er-bar-reversed" x={left} y={y + 17} width={Math.max(c, 1)} height={10} rx={2} />
              <text className="er-tick" x={left + Math.max(c, 1) + 3} y={y + 26}>
                {format.money(p.commissionCents)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="row small muted">
        <span>
          <svg width="10" height="10" aria-hidden="true">
            <rect className="er-bar-earned" width="10" height="10" rx="2" />
          </svg>{" "}
          {t("mcn.chart.gmv")}
        </span>
        <span>
          <svg width="10" height="10" aria-hidden="true">
            <rect className="er-bar-reversed" width="10" height="10" rx="2" />
          </svg>{" "}
          {t("mcn.chart.commission")}
        </span>
      </figcaption>
    </figure>
  );
}
