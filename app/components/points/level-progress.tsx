import { useFormat, useLocale, useT } from "~/i18n";
import type { PointsSummary } from "./points.server";

type Progress = PointsSummary["level"];

/** The next level's name in the reader's language. */
function nextName(p: Progress, locale: string) {
  return (locale === "en" ? p.nextNameEn : p.nextNameZh) ?? "";
}

/**
 * The way to the next level as a bar with the exact remainder ("再获得 390 成长值升级到 V3 种草能手").
 * A native progressbar role with min/max/now, so assistive technology reads the same numbers.
 */
export function LevelProgressBar({ progress }: { progress: Progress }) {
  const t = useT();
  const locale = useLocale();
  const format = useFormat();
  const atTop = progress.nextLevel === null;
  const caption = atTop
    ? t("points.progress.top")
    : t("points.progress.remaining", { remaining: format.count(progress.remaining), level: progress.nextLevel ?? "", name: nextName(progress, locale) });
  return (
    <div className="pt-progress">
      <div className="pt-progress-head">
        <span className="pt-level-chip">{t("points.level.short", { level: progress.level })}</span>
        <strong>{progress.name}</strong>
        {atTop ? null : (
          <span className="muted small pt-progress-value">
            {t("points.progress.value", { growth: format.count(progress.growth), next: format.count(progress.nextLevelAt ?? 0) })}
          </span>
        )}
      </div>
      <div
        className="pt-bar"
        role="progressbar"
        aria-label={t("points.progress.label")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={caption}
      >
        <span className="pt-bar-fill" style={{ width: `${progress.percent}%` }} />
      </div>
      <p className="small pt-progress-caption">{caption}</p>
    </div>
  );
}
