import { Form, Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { dayLabel, monthLabel, weekdayNames } from "./dates";
import type { Calendar } from "./types";

/**
 * The month as a table: a row per week starting Monday, each day saying in words whether it was
 * checked in, made up, missed, today or still to come. Missed days a card can still fill carry a
 * "补签" button (a plain form post) when the member has a card and uses left; months change by links.
 */
export function CalendarGrid({ calendar, canFill }: { calendar: Calendar; canFill: boolean }) {
  const t = useT();
  const locale = useLocale();
  const names = weekdayNames(locale);
  const title = monthLabel(locale, calendar.month);
  const first = calendar.days[0]?.weekday ?? 0;
  const cells: (Calendar["days"][number] | null)[] = [...Array<null>(first).fill(null), ...calendar.days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));

  return (
    <section className="card card-body checkin-calendar" aria-labelledby="checkin-calendar-title">
      <div className="checkin-calendar-head">
        <h2 id="checkin-calendar-title">{t("checkin.calendar.title")}</h2>
        <p className="muted">{t("checkin.calendar.thisMonth", { days: calendar.daysThisMonth })}</p>
      </div>
      <nav className="checkin-month-nav" aria-label={t("checkin.calendar.title")}>
        {calendar.prevMonth ? (
          <Link to={`?month=${calendar.prevMonth}`} preventScrollReset rel="prev" aria-label={t("checkin.calendar.prev")}>
            ‹ <span className="checkin-nav-text">{t("checkin.calendar.prev")}</span>
          </Link>
        ) : (
          <span />
        )}
        <strong aria-live="polite">{title}</strong>
        {calendar.nextMonth ? (
          <Link to={`?month=${calendar.nextMonth}`} preventScrollReset rel="next" aria-label={t("checkin.calendar.next")}>
            <span className="checkin-nav-text">{t("checkin.calendar.next")}</span> ›
          </Link>
        ) : (
          <span />
        )}
      </nav>
      <table className="checkin-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            {names.map((n) => (
              <th key={n.long} scope="col">
                <abbr title={n.long}>{n.short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((day, i) => {
                if (!day) return <td key={`blank-${i}`} className="is-blank" />;
                const state = day.checkedIn ? (day.madeUp ? "madeUp" : "checked") : day.isToday ? "today" : day.isFuture ? "future" : "missed";
                const stateText = t(`checkin.day.${state}`);
                const label = dayLabel(locale, day.date);
                return (
                  <td
                    key={day.date}
                    className={`is-${state}${day.isToday ? " is-today" : ""}`}
                    aria-current={day.isToday ? "date" : undefined}
                    data-date={day.date}
                  >
                    <span className="checkin-day-number" aria-hidden="true">
                      {Number(day.date.slice(8))}
                    </span>
                    <span className="visually-hidden">
                      {label} {stateText}
                    </span>
                    {day.madeUp ? (
                      <span className="checkin-day-tag" aria-hidden="true">
                        {t("checkin.calendar.tag.madeUp")}
                      </span>
                    ) : null}
                    {canFill && day.fillable ? (
                      <Form method="post" preventScrollReset className="checkin-fill-form">
                        <input type="hidden" name="intent" value="makeup" />
                        <input type="hidden" name="date" value={day.date} />
                        <button type="submit" className="checkin-fill" aria-label={t("checkin.makeup.actionLabel", { date: label })}>
                          {t("checkin.makeup.action")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="checkin-legend" aria-hidden="true">
        <li className="is-checked">{t("checkin.calendar.legend.checked")}</li>
        <li className="is-madeUp">{t("checkin.calendar.legend.madeUp")}</li>
        <li className="is-today">{t("checkin.calendar.legend.today")}</li>
      </ul>
    </section>
  );
}
