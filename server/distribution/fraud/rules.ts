/*
 * The thresholds of the fraud signals. A flag never blocks anything by itself: it holds the creator's
 * payouts for staff (isFlagged), so the thresholds lean towards asking a person.
 */

/** Clicks on one creator's links from one hashed IP within the flood window. */
export const CLICK_FLOOD_CLICKS = 50;
export const CLICK_FLOOD_WINDOW_MS = 60 * 60 * 1000;

/** A creator whose attributed orders of the last 30 days are at least 25 % refunded (4 orders at least). */
export const REFUND_RATE_WINDOW_DAYS = 30;
export const REFUND_RATE_THRESHOLD_BP = 2_500;
export const REFUND_RATE_MIN_ORDERS = 4;

/** Whether `refunded` of `total` orders crosses the refund-rate threshold (integer arithmetic, no float edge). */
export function refundRateExceeded(refunded: number, total: number): boolean {
  return total >= REFUND_RATE_MIN_ORDERS && refunded * 10_000 >= total * REFUND_RATE_THRESHOLD_BP;
}
