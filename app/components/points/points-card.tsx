import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n";
import { LevelProgressBar } from "./level-progress";
import type { PointsSummary } from "./points.server";

/** The 我 page's card: level and the way to the next, points balance, growth and the check-in streak. */
export function PointsCard({ summary }: { summary: PointsSummary }) {
  const t = useT();
  const format = useFormat();
  return (
    <section className="card card-body pt-card" aria-labelledby="points-card-title" data-testid="points-card">
      <h2 id="points-card-title" className="visually-hidden">
        {t("points.card.title")}
      </h2>
      <Link to="/levels" className="pt-card-level">
        <LevelProgressBar progress={summary.level} />
      </Link>
      <ul className="pt-stats">
        <li>
          <Link to="/me/points" className="pt-stat">
            <span className="pt-stat-label">{t("points.card.points")}</span>
            <span className="pt-stat-value" data-testid="points-balance">
              {format.count(summary.points)}
            </span>
          </Link>
        </li>
        <li>
          <Link to="/levels" className="pt-stat">
            <span className="pt-stat-label">{t("points.card.growth")}</span>
            <span className="pt-stat-value">{format.count(summary.growth)}</span>
          </Link>
        </li>
        <li>
          <Link to="/checkin" className="pt-stat">
            <span className="pt-stat-label">{t("points.card.streak")}</span>
            <span className="pt-stat-value">{t("points.card.streakDays", { days: summary.streak })}</span>
          </Link>
        </li>
      </ul>
    </section>
  );
}
