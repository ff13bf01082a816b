import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n";
import { UserAvatar } from "../user-avatar";

export interface LeaderboardRow {
  rank: number;
  value: number;
  user: { id: string; handle: string; displayName: string; avatarUrl: string | null };
}

/**
 * The ranking as a horizontal bar chart: one row per member with rank, name, value and a bar scaled to
 * the leader's value. The numbers are text (read by screen readers); the bars are decoration.
 */
export function LeaderboardChart({ rows, unit, meId }: { rows: LeaderboardRow[]; unit: "points" | "streak"; meId: string | null }) {
  const t = useT();
  const format = useFormat();
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ol className="lb-list" aria-label={t("leaderboards.chart")}>
      {rows.map((r) => {
        const share = r.value / max;
        return (
          <li key={r.user.id} className={r.user.id === meId ? "lb-row lb-row-me" : "lb-row"}>
            <span className={r.rank <= 3 ? "lb-rank lb-rank-top" : "lb-rank"} aria-label={t("leaderboards.rank", { rank: r.rank })}>
              {r.rank}
            </span>
            <span className="lb-who">
              <Link to={`/u/${encodeURIComponent(r.user.handle)}`} className="lb-name">
                <UserAvatar user={r.user} size={24} /> {r.user.displayName}
              </Link>
              <span className="lb-value">{t(`leaderboards.value.${unit}`, { value: format.count(r.value) })}</span>
            </span>
            <svg className="lb-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect className="lb-track" x="0" y="0" width="100" height="10" rx="3" />
              <rect className="lb-fill" x="0" y="0" width={Math.max(share * 100, 1)} height="10" rx="3" />
            </svg>
          </li>
        );
      })}
    </ol>
  );
}
