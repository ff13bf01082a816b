import { useFormat, useLocale, useT } from "~/i18n";
import type { LevelDefinition } from "./points.server";

/**
 * The growth each level needs as a bar chart (plain SVG): one bar per level on a square-root scale (V5's
 * 8,000 would flatten V2's 100 on a linear one), value labels on the bars, an axis, a legend, and a
 * dashed line where the member stands. Bars they have reached are filled with the accent colour.
 */
export function LevelChart({ levels, growth }: { levels: LevelDefinition[]; growth: number | null }) {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const width = 340;
  const height = 190;
  const left = 8;
  const bottom = 36;
  const top = 22;
  const max = Math.max(1, ...levels.map((l) => l.minGrowth), growth ?? 0);
  const scale = (v: number) => (Math.sqrt(v) / Math.sqrt(max)) * (height - top - bottom);
  const slot = (width - left * 2) / Math.max(levels.length, 1);
  const bar = Math.min(44, slot * 0.6);
  const baseline = height - bottom;
  const you = growth === null ? null : baseline - scale(growth);
  return (
    <figure className="stack" style={{ margin: 0 }}>
      <svg className="pt-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="level-chart-title level-chart-desc">
        <title id="level-chart-title">{t("points.levels.chart")}</title>
        <desc id="level-chart-desc">
          {levels.map((l) => `V${l.level} ${locale === "en" ? l.nameEn : l.nameZh}: ${format.count(l.minGrowth)}`).join("; ")}
        </desc>
        <line className="pt-chart-axis" x1={left} x2={width - left} y1={baseline} y2={baseline} />
        {levels.map((l, i) => {
          const h = Math.max(2, scale(l.minGrowth));
          const x = left + i * slot + (slot - bar) / 2;
          const reached = growth !== null && growth >= l.minGrowth;
          return (
            <g key={l.level}>
              <rect className={reached ? "pt-chart-bar-reached" : "pt-chart-bar"} x={x} y={baseline - h} width={bar} height={h} rx={4}>
                <title>{`V${l.level} · ${format.count(l.minGrowth)}`}</title>
              </rect>
              <text x={x + bar / 2} y={baseline - h - 6} textAnchor="middle">
                {format.count(l.minGrowth)}
              </text>
              <text x={x + bar / 2} y={baseline + 14} textAnchor="middle" fontWeight={700}>
                {`V${l.level}`}
              </text>
              <text x={x + bar / 2} y={baseline + 28} textAnchor="middle">
                {locale === "en" ? l.nameEn : l.nameZh}
              </text>
            </g>
          );
        })}
        {you !== null && growth !== null ? (
          <g>
            <line className="pt-chart-you" x1={left} x2={width - left} y1={you} y2={you} />
            <text x={width - left} y={Math.max(10, you - 4)} textAnchor="end" fontWeight={700}>
              {t("points.levels.chartYou", { growth: format.count(growth) })}
            </text>
          </g>
        ) : null}
      </svg>
      <figcaption className="row small muted" aria-hidden="true">
        <span>
          <svg width="10" height="10" aria-hidden="true">
            <rect width="10" height="10" rx="2" fill="var(--accent)" />
          </svg>{" "}
          {t("points.levels.current")}
        </span>
        <span>{t("points.levels.col.threshold")}</span>
      </figcaption>
    </figure>
  );
}
