import { useFormat, useT, type UiKey } from "~/i18n";

export interface FunnelCounts {
  invited: number;
  applied: number;
  approved: number;
  firstSale: number;
}

const STAGES = ["invited", "applied", "approved", "firstSale"] as const;

/**
 * The recruitment funnel as horizontal bars (plain SVG): one bar per stage, scaled to the invitations,
 * with the count and the share of the first stage at the end of each bar. The description states every
 * count for screen readers.
 */
export function FunnelChart({ funnel }: { funnel: FunnelCounts }) {
  const t = useT();
  const format = useFormat();
  const width = 340;
  const row = 34;
  const left = 72;
  const right = 84;
  const height = STAGES.length * row + 8;
  const max = Math.max(1, funnel.invited);
  const plotW = width - left - right;
  return (
    <figure className="card card-body stack" style={{ margin: 0 }} data-testid="recruitment-funnel">
      <figcaption>
        <strong id="funnel-title">{t("opsCandidates.funnel")}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="funnel-title funnel-desc" style={{ width: "100%", height: "auto" }}>
        <desc id="funnel-desc">{t("opsCandidates.funnel.desc", { ...funnel })}</desc>
        {STAGES.map((stage, i) => {
          const value = funnel[stage];
          const w = Math.max(value > 0 ? 2 : 0, (value / max) * plotW);
          const y = 4 + i * row;
          const share = funnel.invited > 0 ? Math.round((value / funnel.invited) * 100) : 0;
          const label = t(`opsCandidates.funnel.${stage}` as UiKey);
          return (
            <g key={stage}>
              <title>{`${label}: ${format.count(value)} (${share}%)`}</title>
              <text x={left - 6} y={y + row / 2 + 4} textAnchor="end" fontSize="12" fill="currentColor">
                {label}
              </text>
              <rect x={left} y={y + 5} width={plotW} height={row - 10} rx={4} fill="var(--surface-muted, #f1f1f1)" />
              <rect x={left} y={y + 5} width={w} height={row - 10} rx={4} fill="var(--accent, #ff2442)" opacity={1 - i * 0.15} />
              <text x={left + plotW + 6} y={y + row / 2 + 4} fontSize="12" fill="currentColor">
                {`${format.count(value)} · ${share}%`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
