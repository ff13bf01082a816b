// The checkin area of gamification: what other areas and contexts may use (see ../index.ts).
export { currentStreakOf } from "./streak";
export { dailyCheckIn, type CheckInResult } from "./daily-check-in";
export { applyMakeupCard, type MakeupResult } from "./apply-makeup-card";
export { buyMakeupCard, type BuyResult } from "./buy-makeup-card";
export { getCheckInCalendar } from "./get-check-in-calendar";
export { getCheckInSettings, updateCheckInSettings } from "./update-check-in-settings";
export { CHECKIN_EVENTS, type CheckInRecordedPayload } from "./events";
export {
  CHECKIN_SETTINGS_KEY,
  DEFAULT_CHECKIN_SETTINGS,
  checkinSettingsSchema,
  readCheckInSettings,
  type CheckInSettings,
} from "./settings";
export {
  buyMakeupCardSchema,
  calendarQuerySchema,
  applyMakeupCardSchema,
  type BuyMakeupCardInput,
  type CalendarQuery,
  type CheckInCalendar,
  type ApplyMakeupCardInput,
} from "./schemas";
