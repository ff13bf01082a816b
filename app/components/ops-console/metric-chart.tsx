import { useFormat, useT } from "~/i18n";

export interface MetricPoint {
  day: string;
  value: number;
}

/**
 * One daily metric as a bar chart (plain SVG, the earnings chart's approach): the peak and zero on the
 * y axis, the first, middle and last day under it, a tooltip (<title>) on each day, and a table of every
 * day in a <details> below — the fallback for screen readers and for anyone who wants exact numbers.
 */
export function MetricChart({ id, title, points, kind = "count" }: { id: string; title: string; points: MetricPoint[]; kind?: "count" | "money" }) {
  const t = useT();
  const format = useFormat();
  const show = (v: number) => (kind === "money" ? format.money(v) : format.count(v));
  const width = 340;
  const height = 150;
  const left = 48;
  const right = 6;
  const top = 10;
  const bottom = 22;
  const max = Math.max(1, ...points.map((p) => p.value));
  const plotH = height - top - bottom;
  const slot = (width - left - right) / Math.max(points.length, 1);
  const bar = Math.max(1.5, slot - 1);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const baseline = top + plotH;
  const label = (day: string) => day.slice(5).replace("-", "/");
  const ticks = points.length > 0 ? [0, Math.floor((points.length - 1) / 2), points.length - 1] : [];
  const total = points.reduce((s, p) => s + p.value, 0);
  return (
    <figure className="card card-body stack oc-figure" data-testid={`metric-${id}`}>
      <figcaption className="oc-figure-head">
        <strong id={`${id}-title`}>{title}</strong>
      </figcaption>
      <svg className="oc-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <desc id={`${id}-desc`}>{t("opsConsole.chart.desc", { days: points.length, peak: show(max === 1 && total === 0 ? 0 : max) })}</desc>
        <line className="oc-axis" x1={left} x2={width - right} y1={baseline} y2={baseline} />
        <line className="oc-axis" x1={left} x2={left} y1={top} y2={baseline} />
        <line className="oc-grid" x1={left} x2={width - right} y1={y(max)} y2={y(max)} />
        <text className="oc-tick" x={left - 4} y={y(max) + 4} textAnchor="end">
          {show(max)}
        </text>
        <text className="oc-tick" x={left - 4} y={baseline + 4} textAnchor="end">
          0
        </text>
        {points.map((p, i) => (
          <g key={p.day}>
            <title>{`${p.day}: ${show(p.value)}`}</title>
            <rect x={left + i * slot} y={top} width={slot} height={plotH} fill="transparent" />
            {p.value > 0 ? <rect className="oc-bar" x={left + i * slot + 0.5} y={y(p.value)} width={bar} height={baseline - y(p.value)} rx={1} /> : null}
          </g>
        ))}
        {ticks.map((i) => (
          <text key={i} className="oc-tick" x={left + i * slot + slot / 2} y={height - 6} textAnchor={i === points.length - 1 ? "end" : i === 0 ? "start" : "middle"}>
            {label(points[i]!.day)}
          </text>
        ))}
      </svg>
      <details>
        <summary className="small muted">{t("opsConsole.chart.table")}</summary>
        <table className="oc-table">
          <thead>
            <tr>
              <th scope="col">{t("opsConsole.chart.day")}</th>
              <th scope="col">{title}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <td>{p.day}</td>
                <td>{show(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Weekly retention cohorts as a heatmap table: each cell's shade is the share of the cohort active that week. */
export function CohortTable({ cohorts }: { cohorts: { week: string; size: number; active: number[] }[] }) {
  const t = useT();
  const weeks = Math.max(0, ...cohorts.map((c) => c.active.length));
  return (
    <div className="oc-scroll" data-testid="retention-cohorts">
      <table className="oc-table oc-cohorts">
        <caption className="visually-hidden">{t("opsConsole.cohorts.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("opsConsole.cohorts.week")}</th>
            <th scope="col">{t("opsConsole.cohorts.size")}</th>
            {Array.from({ length: weeks }, (_, k) => (
              <th key={k} scope="col">
                {t("opsConsole.cohorts.weekN", { n: k })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cohorts.map((c) => (
            <tr key={c.week}>
              <th scope="row">{c.week}</th>
              <td>{c.size}</td>
              {Array.from({ length: weeks }, (_, k) => {
                const active = c.active[k];
                if (active === undefined) return <td key={k} />;
                const share = c.size > 0 ? active / c.size : 0;
                return (
                  <td key={k} style={{ background: `color-mix(in srgb, var(--accent) ${Math.round(share * 100)}%, transparent)` }} title={`${active}/${c.size}`}>
                    {Math.round(share * 100)}%
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
