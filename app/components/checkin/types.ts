import type { SerializeFrom } from "@remix-run/node";
import type { BuyResult, CheckInCalendar, CheckInResult, MakeupResult } from "./checkin.server";

export type Calendar = SerializeFrom<CheckInCalendar>;

/** What the page's action answers, for each of its three forms. */
export type CheckInActionData =
  | { intent: "checkin"; ok: true; checkIn: CheckInResult }
  | { intent: "makeup"; ok: true; makeup: MakeupResult }
  | { intent: "buy"; ok: true; buy: BuyResult }
  | { intent: string; ok: false; error: string; fields?: Record<string, string[]> };
