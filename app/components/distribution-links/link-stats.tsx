import { useFormat, useT } from "~/i18n";

/** A link's five numbers as tiles: clicks, unique visitors, orders, GMV and commission. */
export function LinkStats({ stats }: { stats: { clicks: number; uniqueVisitors: number; orders: number; gmvCents: number; commissionCents: number } }) {
  const t = useT();
  const format = useFormat();
  const cells = [
    ["clicks", format.count(stats.clicks)],
    ["visitors", format.count(stats.uniqueVisitors)],
    ["orders", format.count(stats.orders)],
    ["gmv", format.money(stats.gmvCents)],
    ["commission", format.money(stats.commissionCents)],
  ] as const;
  return (
    <ul className="dl-stats">
      {cells.map(([key, value]) => (
        <li key={key} className="dl-stat">
          <span className="dl-stat-value">{value}</span>
          <span className="dl-stat-label">{t(`distribution.links.stat.${key}`)}</span>
        </li>
      ))}
    </ul>
  );
}
