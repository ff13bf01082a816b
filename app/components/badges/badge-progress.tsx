import { useT } from "~/i18n";
import { useBadgeName, useRemainingText, type BadgeLike } from "./badge-text";

/** Earned (×n), or a progress bar with "还差 3 个赞获得 人气新星" for counter and streak badges. */
export function BadgeProgress({ badge }: { badge: BadgeLike }) {
  const t = useT();
  const nameOf = useBadgeName();
  const remaining = useRemainingText()(badge);
  const p = badge.progress;
  if (!p) return null;
  if (p.earned) {
    return <p className="badge-status badge-status-earned">{p.times > 1 ? t("badges.earnedTimes", { count: p.times }) : t("badges.earned")}</p>;
  }
  if (p.current === null || p.target === null) return <p className="badge-status">{t("badges.notEarned")}</p>;
  const value = Math.min(p.current, p.target);
  return (
    <div className="badge-progress">
      <div
        className="badge-progress-track"
        role="progressbar"
        aria-label={t("badges.progress.label", { name: nameOf(badge) })}
        aria-valuemin={0}
        aria-valuemax={p.target}
        aria-valuenow={value}
        aria-valuetext={remaining ?? undefined}
      >
        <div className="badge-progress-fill" style={{ width: `${Math.round((value / p.target) * 100)}%` }} />
      </div>
      {remaining ? <p className="badge-status">{remaining}</p> : null}
    </div>
  );
}
