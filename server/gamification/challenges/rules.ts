/*
 * Pure rules of challenges: calendar arithmetic on platform-local dates (YYYY-MM-DD) and the phase a
 * challenge is in. No I/O, so the day boundaries are testable without a database.
 */

/** The longest challenge staff may set up: a year (and a day for leap years). */
export const MAX_SPAN_DAYS = 366;

const DAY_MS = 86_400_000;

const toUtc = (date: string) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** How many calendar days the challenge runs, counting both ends. */
export function spanDays(startsOn: string, endsOn: string): number {
  return daysBetween(startsOn, endsOn) + 1;
}

/** "第 5 天": the 1-based day of the challenge `date` falls on. */
export function dayNumber(startsOn: string, date: string): number {
  return daysBetween(startsOn, date) + 1;
}

export type ChallengePhase = "upcoming" | "active" | "ended";
export const CHALLENGE_PHASES: readonly ChallengePhase[] = ["active", "upcoming", "ended"];

/** Where a challenge stands on the platform-local day `today`. */
export function phaseOf(c: { startsOn: string; endsOn: string }, today: string): ChallengePhase {
  if (today < c.startsOn) return "upcoming";
  if (today > c.endsOn) return "ended";
  return "active";
}

/** Every date of the challenge in order (the page's strip of days). */
export function datesOf(startsOn: string, endsOn: string): string[] {
  const n = spanDays(startsOn, endsOn);
  return Array.from({ length: Math.max(0, n) }, (_, i) => addDays(startsOn, i));
}
