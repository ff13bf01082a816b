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
      <dl className="pt-stats">
        <Link to="/me/points" className="pt-stat">
          <dt>{t("points.card.points")}</dt>
          <dd data-testid="points-balance">{format.count(summary.points)}</dd>
        </Link>
        <Link to="/levels" className="pt-stat">
          <dt>{t("points.card.growth")}</dt>
          <dd>{format.count(summary.growth)}</dd>
        </Link>
        <Link to="/checkin" className="pt-stat">
          <dt>{t("points.card.streak")}</dt>
          <dd>{t("points.card.streakDays", { days: summary.streak })}</dd>
        </Link>
      </dl>
    </section>
  );
}
