import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n";
import type { ChallengeSummary } from "../../../server/gamification/challenges/schemas";
import { CalendarCheckIcon } from "../icons";
import { ProgressBar } from "./progress";

export type ChallengeCardData = SerializeFrom<ChallengeSummary>;

/** One challenge in the list: cover, title, dates, participants and, once joined, my progress. */
export function ChallengeCard({ challenge: c }: { challenge: ChallengeCardData }) {
  const t = useT();
  const format = useFormat();
  return (
    <li className="ch-card card" data-testid="challenge-card">
      <Link to={`/challenges/${c.id}`} className="ch-card-link">
        <div className="ch-cover">
          {c.cover ? (
            <img src={c.cover.thumbUrl} alt="" loading="lazy" decoding="async" />
          ) : (
            <span className="ch-cover-art" aria-hidden="true">
              <CalendarCheckIcon size={40} />
            </span>
          )}
          <span className={`ch-phase ch-phase-${c.phase}`}>{t(`challenges.phase.${c.phase}`)}</span>
        </div>
        <div className="ch-card-body">
          <h2 className="ch-card-title">{c.title}</h2>
          <p className="ch-meta">
            {t("challenges.dates", { start: format.date(c.startsOn), end: format.date(c.endsOn) })}
            <span aria-hidden="true"> · </span>
            {t("challenges.requiredOf", { required: c.requiredDays, span: c.spanDays })}
          </p>
          <p className="ch-meta">
            {t("challenges.participants", { count: format.count(c.participantCount) })}
            {c.rewardPoints > 0 ? (
              <>
                <span aria-hidden="true"> · </span>
                {t("challenges.reward.points", { points: format.count(c.rewardPoints) })}
              </>
            ) : null}
          </p>
          {c.me ? (
            c.me.completedAt ? (
              <span className="chip">{t("challenges.card.completed")}</span>
            ) : (
              <ProgressBar done={c.me.daysDone} required={c.requiredDays} label={t("challenges.card.progress", { done: c.me.daysDone, required: c.requiredDays })} />
            )
          ) : null}
        </div>
      </Link>
    </li>
  );
}
