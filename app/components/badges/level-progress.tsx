import { useFormat, useLocale, useT } from "~/i18n";

export interface LevelStandingView {
  level: number;
  nameZh: string;
  nameEn: string;
  growth: number;
  floor: number;
  next: { level: number; nameZh: string; nameEn: string; minGrowth: number } | null;
}

/** The member's level chip (V2 种草达人) and a bar of their growth toward the next level. */
export function LevelProgress({ standing }: { standing: LevelStandingView }) {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const name = (l: { nameZh: string; nameEn: string }) => (locale === "en" ? l.nameEn : l.nameZh);
  const { next } = standing;
  const span = next ? Math.max(1, next.minGrowth - standing.floor) : 1;
  const done = next ? Math.min(span, Math.max(0, standing.growth - standing.floor)) : 1;
  const caption = next
    ? t("badges.level.toNext", { count: format.count(next.minGrowth - standing.growth), level: next.level, name: name(next) })
    : t("badges.level.max");
  return (
    <div className="level-standing">
      <span className={`level-chip level-chip-${Math.min(standing.level, 5)}`} data-testid="profile-level">
        {t("badges.level.chip", { level: standing.level, name: name(standing) })}
      </span>
      <div className="level-meter">
        <div
          className="level-track"
          role="progressbar"
          aria-label={t("badges.level.progress")}
          aria-valuemin={0}
          aria-valuemax={span}
          aria-valuenow={done}
          aria-valuetext={caption}
        >
          <div className="level-fill" style={{ width: `${Math.round((done / span) * 100)}%` }} />
        </div>
        <p className="level-caption">
          <span>{t("badges.level.growth", { growth: format.count(standing.growth) })}</span>
          <span>{caption}</span>
        </p>
      </div>
    </div>
  );
}
