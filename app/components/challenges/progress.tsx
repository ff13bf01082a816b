import { useFormat, useT } from "~/i18n";

/** A labelled bar: "已打卡 5/21 天". The numbers are in the text too, so nothing relies on the colour. */
export function ProgressBar({ done, required, label }: { done: number; required: number; label: string }) {
  const pct = Math.min(100, Math.round((done / Math.max(required, 1)) * 100));
  return (
    <div className="ch-progress">
      <div className="ch-bar" role="progressbar" aria-valuemin={0} aria-valuemax={required} aria-valuenow={Math.min(done, required)} aria-label={label}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <span className="ch-progress-text">{label}</span>
    </div>
  );
}

/** The ring on the challenge page: days done of required, with the exact remainder underneath. */
export function ProgressRing({ done, required }: { done: number; required: number }) {
  const t = useT();
  const r = 42;
  const circumference = 2 * Math.PI * r;
  const share = Math.min(1, done / Math.max(required, 1));
  return (
    <svg className="ch-ring" viewBox="0 0 100 100" width="112" height="112" role="img" aria-label={t("challenges.progress.label", { done, required })}>
      <circle cx="50" cy="50" r={r} className="ch-ring-track" />
      <circle
        cx="50"
        cy="50"
        r={r}
        className="ch-ring-fill"
        strokeDasharray={`${circumference * share} ${circumference}`}
        transform="rotate(-90 50 50)"
      />
      <text x="50" y="48" textAnchor="middle" className="ch-ring-big">
        {done}
      </text>
      <text x="50" y="66" textAnchor="middle" className="ch-ring-small">
        / {required}
      </text>
    </svg>
  );
}

/** The strip of days: one square per challenge day, checked, missed, today or still to come. */
export function DayStrip({ dates, done, today }: { dates: string[]; done: string[]; today: string }) {
  const t = useT();
  const format = useFormat();
  const checked = new Set(done);
  return (
    <ol className="ch-strip" aria-label={t("challenges.strip.label")}>
      {dates.map((date, i) => {
        const state = checked.has(date) ? "done" : date === today ? "today" : date < today ? "missed" : "future";
        return (
          <li key={date} className={`ch-day ch-day-${state}`} title={t(`challenges.day.${state}`, { date: format.date(date) })}>
            <span className="visually-hidden">{t(`challenges.day.${state}`, { date: format.date(date) })}</span>
            <span aria-hidden="true">{i + 1}</span>
          </li>
        );
      })}
    </ol>
  );
}
