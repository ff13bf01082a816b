import { useT } from "~/i18n";
import type { Calendar } from "./types";

/**
 * The streak and the bonus ladder: today's streak in big type, a bar toward the next rung with the
 * exact remainder ("再签 3 天得 +20"), and every rung with whether it is reached.
 */
export function StreakPanel({ calendar, streak }: { calendar: Calendar; streak: number }) {
  const t = useT();
  const next = calendar.ladder.find((r) => r.days > streak) ?? null;
  const previous = [...calendar.ladder].reverse().find((r) => r.days <= streak)?.days ?? 0;
  const percent = next ? Math.round(((streak - previous) / (next.days - previous)) * 100) : 100;

  return (
    <section className="card card-body checkin-streak" aria-labelledby="checkin-streak-title">
      <div className="checkin-streak-head">
        <div>
          <h2 id="checkin-streak-title" className="checkin-streak-label">
            {t("checkin.streak.label")}
          </h2>
          <p className="checkin-streak-number" data-testid="checkin-streak">
            {t("checkin.streak.days", { days: streak })}
          </p>
        </div>
        <ul className="checkin-stats">
          <li>{t("checkin.streak.longest", { days: Math.max(calendar.longestStreak, streak) })}</li>
          <li>{t("checkin.streak.total", { days: calendar.totalDays })}</li>
        </ul>
      </div>
      {calendar.ladder.length > 0 ? (
        <>
          <div
            className="checkin-progress"
            role="progressbar"
            aria-label={t("checkin.ladder.progress")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={next ? t("checkin.ladder.next", { days: next.days - streak, points: next.points }) : t("checkin.ladder.done")}
          >
            <div className="checkin-progress-bar" style={{ width: `${percent}%` }} />
          </div>
          <p className="checkin-next" data-testid="checkin-next">
            {next ? t("checkin.ladder.next", { days: next.days - streak, points: next.points }) : t("checkin.ladder.done")}
          </p>
          <h3 className="visually-hidden">{t("checkin.ladder.title")}</h3>
          <ol className="checkin-ladder" aria-label={t("checkin.ladder.title")}>
            {calendar.ladder.map((rung) => {
              const reached = streak >= rung.days;
              return (
                <li key={rung.days} className={reached ? "is-reached" : undefined}>
                  <span>{t("checkin.ladder.rung", { days: rung.days })}</span>
                  <strong>{t("checkin.ladder.reward", { points: rung.points })}</strong>
                  {reached ? <span className="chip">{t("checkin.ladder.reached")}</span> : null}
                </li>
              );
            })}
          </ol>
        </>
      ) : null}
    </section>
  );
}
