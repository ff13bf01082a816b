import { useFetcher } from "@remix-run/react";
import { useT } from "~/i18n";
import { CheckIcon } from "~/components/icons";
import type { Calendar, CheckInActionData } from "./types";

/**
 * The big check-in button. A plain form post (works without JavaScript: the page comes back with the
 * result); with JavaScript it submits in the background and shows the checked-in state and "+5 积分"
 * at once, rolling back if the request fails.
 */
export function CheckInButton({ calendar, posted }: { calendar: Calendar; posted: CheckInActionData | undefined }) {
  const t = useT();
  const fetcher = useFetcher<CheckInActionData>({ key: "checkin" });
  const pending = fetcher.state !== "idle" && fetcher.formData?.get("intent") === "checkin";
  const result = fetcher.data ?? (posted?.intent === "checkin" ? posted : undefined);
  const done = calendar.checkedInToday || pending || (result?.ok === true && result.intent === "checkin");
  const earned = result?.ok && result.intent === "checkin" ? result.checkIn : null;

  return (
    <section className="checkin-hero card" aria-labelledby="checkin-button-title">
      <h2 id="checkin-button-title" className="visually-hidden">
        {t("checkin.button")}
      </h2>
      <fetcher.Form method="post" className="checkin-hero-form">
        <input type="hidden" name="intent" value="checkin" />
        <button
          type="submit"
          className={`checkin-button${done ? " is-done" : ""}`}
          disabled={calendar.checkedInToday}
          aria-disabled={pending || undefined}
          data-testid="checkin-button"
        >
          {done ? <CheckIcon size={36} /> : null}
          <span className="checkin-button-label">{done ? t("checkin.button.done") : t("checkin.button")}</span>
          {!done && calendar.todayPoints > 0 ? (
            <span className="checkin-button-sub">{t("checkin.result.points", { points: calendar.todayPoints })}</span>
          ) : null}
        </button>
      </fetcher.Form>
      <div className="checkin-result" role="status" aria-live="polite">
        {pending && !earned ? <p className="checkin-pop">{t("checkin.result.points", { points: calendar.todayPoints })}</p> : null}
        {earned ? <EarnedLines result={earned} /> : null}
        {result && !result.ok && result.intent === "checkin" ? <p className="checkin-error">{result.error}</p> : null}
      </div>
    </section>
  );
}

function EarnedLines({ result }: { result: Extract<CheckInActionData, { intent: "checkin"; ok: true }>["checkIn"] }) {
  const t = useT();
  if (result.alreadyCheckedIn) return <p>{t("checkin.result.already")}</p>;
  return (
    <>
      <p className="checkin-pop">
        {t("checkin.result.success")} {t("checkin.result.points", { points: result.points })}
        {result.growth > 0 ? <span className="muted"> · {t("checkin.result.growth", { growth: result.growth })}</span> : null}
      </p>
      {result.bonuses.map((b) => (
        <p key={b.days} className="checkin-bonus">
          {t("checkin.result.bonus", { days: b.days, points: b.points })}
        </p>
      ))}
      {result.makeupCardEarned ? <p className="checkin-bonus">{t("checkin.result.card")}</p> : null}
    </>
  );
}
