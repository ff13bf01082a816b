import type { Queryable } from "../../../db/client";
import { readSetting } from "../../ops";
import { DEFAULT_PAYOUT_SETTINGS, PAYOUT_SETTINGS_KEY, payoutSettingsSchema, type PayoutSettings } from "./schemas";

/** The staff-editable payout policy (setting `distribution.payouts`), ¥50 minimum unless changed. */
export function readPayoutSettings(db: Queryable): Promise<PayoutSettings> {
  return readSetting(db, PAYOUT_SETTINGS_KEY, payoutSettingsSchema, DEFAULT_PAYOUT_SETTINGS);
}
