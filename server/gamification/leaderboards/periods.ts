import { localDate } from "../../shared/clock";
import { zonedMidnight } from "../points/policy";

export const LEADERBOARD_PERIODS = ["week", "month", "all"] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

/**
 * The window a points leaderboard counts, in the platform's time zone: this calendar week (Monday
 * 00:00 to the next Monday 00:00), this calendar month, or everything (null bounds). Pure: the
 * caller passes the clock's instant.
 */
export function periodBounds(period: LeaderboardPeriod, now: Date, timeZone: string): { start: Date | null; end: Date | null } {
  if (period === "all") return { start: null, end: null };
  const [y, m, d] = localDate(now, timeZone).split("-").map(Number) as [number, number, number];
  if (period === "month") return { start: zonedMidnight(y, m, 1, timeZone), end: zonedMidnight(y, m + 1, 1, timeZone) };
  // Days since Monday of the local date (getUTCDay: Sunday 0 … Saturday 6).
  const sinceMonday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return { start: zonedMidnight(y, m, d - sinceMonday, timeZone), end: zonedMidnight(y, m, d - sinceMonday + 7, timeZone) };
}

/** The platform-local date `days` before `date` (YYYY-MM-DD arithmetic, no time zone involved). */
export function daysBefore(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}
