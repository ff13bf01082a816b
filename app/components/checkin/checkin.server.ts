/**
 * The check-in area as the /checkin page uses it. Routes import server code only through `.server`
 * modules, so none of it can reach the browser bundle.
 */
export {
  applyMakeupCard,
  applyMakeupCardSchema,
  buyMakeupCard,
  buyMakeupCardSchema,
  calendarQuerySchema,
  dailyCheckIn,
  getCheckInCalendar,
  readCheckInSettings,
  type BuyResult,
  type CheckInCalendar,
  type CheckInResult,
  type MakeupResult,
} from "../../../server/gamification/checkin";
export { ruleByKey } from "../../../server/gamification/points";

import crypto from "node:crypto";
import { isAppError } from "../../../server/shared/errors";
import { localizeAppError, type MessageLocale } from "../../../server/shared/messages";

/** A fresh purchase key for the buy form: resubmitting the same rendered page buys one card. */
export const newRequestKey = () => crypto.randomUUID();

/**
 * A domain refusal as the page shows it: the first field message (they say exactly why, e.g. "那天
 *已经签到过了") or the error's message, with its status. Anything else is rethrown for the error page.
 */
export function refusalOf(error: unknown, locale: MessageLocale): { error: string; fields?: Record<string, string[]>; status: number } {
  if (!isAppError(error) || error.status >= 500) throw error;
  const localized = localizeAppError(error, locale);
  const first = Object.values(localized.fields ?? {}).flat()[0];
  return { error: first ?? localized.message, fields: localized.fields, status: error.status };
}
