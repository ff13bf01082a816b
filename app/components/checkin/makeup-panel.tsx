import { Form } from "@remix-run/react";
import { useT } from "~/i18n";
import type { Calendar } from "./types";

/**
 * Make-up cards: how many the member holds, uses left this month, the rules in one line, and a form
 * to buy one with points. The form carries a key made when the page was rendered, so a double tap or
 * a resubmitted page buys one card, not two.
 */
export function MakeupPanel({ calendar, requestKey }: { calendar: Calendar; requestKey: string }) {
  const t = useT();
  const anyFillable = calendar.days.some((d) => d.fillable);
  const affordable = calendar.makeupCardPrice > 0 && calendar.pointsBalance >= calendar.makeupCardPrice;
  return (
    <section className="card card-body checkin-makeup" aria-labelledby="checkin-makeup-title">
      <div className="checkin-makeup-head">
        <h2 id="checkin-makeup-title">{t("checkin.makeup.title")}</h2>
        <p>
          <strong data-testid="checkin-cards">{t("checkin.makeup.count", { count: calendar.cardsAvailable })}</strong>
          <span className="muted"> · {t("checkin.makeup.usesLeft", { count: calendar.usesLeftThisMonth })}</span>
        </p>
      </div>
      <p className="muted">{t("checkin.makeup.rules", { days: calendar.makeupWindowDays })}</p>
      {anyFillable && calendar.cardsAvailable > 0 && calendar.usesLeftThisMonth > 0 ? <p>{t("checkin.makeup.hint")}</p> : null}
      {anyFillable && calendar.cardsAvailable === 0 && calendar.usesLeftThisMonth > 0 ? <p>{t("checkin.makeup.needCard")}</p> : null}
      {calendar.makeupCardPrice > 0 ? (
        <Form method="post" preventScrollReset className="checkin-buy">
          <input type="hidden" name="intent" value="buy" />
          <input type="hidden" name="requestKey" value={requestKey} />
          <button type="submit" className="btn btn-secondary" aria-disabled={!affordable || undefined}>
            {t("checkin.makeup.buy", { price: calendar.makeupCardPrice })}
          </button>
          <span className="muted">{t("checkin.makeup.balance", { points: calendar.pointsBalance })}</span>
        </Form>
      ) : (
        <p className="muted">{t("checkin.makeup.offSale")}</p>
      )}
    </section>
  );
}
