/**
 * Pure check-in rules over platform-local calendar dates (YYYY-MM-DD strings): day arithmetic, the
 * streak bonus ladder, make-up eligibility. No I/O and no time zones — the caller has already turned
 * "now" into a local date with localDate() — so the page, the API and tests share one answer.
 */

/** Plain calendar arithmetic: dates are civil days, never instants, so UTC math is exact here. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const toUtc = (s: string) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/** Whether a string is a real calendar date (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return addDays(value, 0) === value;
}

/** `YYYY-MM` of a date. */
export const monthOf = (date: string) => date.slice(0, 7);

/** The first day of a month, the number of its days, and its neighbours. */
export function monthInfo(month: string): { first: string; last: string; days: number; prev: string; next: string } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const prev = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, "0")}`, days, prev, next };
}

/** Day of the week of a date, Monday = 0 … Sunday = 6 (Chinese calendars start on Monday). */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export interface StreakBonus {
  /** The streak length that pays, e.g. 7. */
  days: number;
  /** The point rule that prices it (point_rules.key), e.g. `checkin.streak7`. */
  ruleKey: string;
}

/** The bonuses a check-in whose streak reaches `streak` pays: each rung pays on the day the streak hits it. */
export function bonusesReachedAt(ladder: readonly StreakBonus[], streak: number): StreakBonus[] {
  return ladder.filter((rung) => rung.days === streak);
}

/** The next rung above `streak`, and how many more days it takes (null past the top rung). */
export function nextBonus(ladder: readonly StreakBonus[], streak: number): (StreakBonus & { inDays: number }) | null {
  const rung = [...ladder].sort((a, b) => a.days - b.days).find((r) => r.days > streak);
  return rung ? { ...rung, inDays: rung.days - streak } : null;
}

/** A make-up card is earned each time the streak reaches a multiple of `every` (0 turns it off). */
export function earnsMakeupCard(streak: number, every: number): boolean {
  return every > 0 && streak > 0 && streak % every === 0;
}

export type MakeupRefusal = "today" | "future" | "tooOld" | "beforeJoined" | "checkedIn";

/**
 * Why a day can't be filled with a make-up card, or null when it can: only a missed day within the
 * last `windowDays` days (yesterday is 1 day back), not today or later, not before the member joined.
 * The per-month cap and the card count are the caller's (they need the database).
 */
export function makeupRefusal(input: {
  date: string;
  today: string;
  joinedOn: string;
  windowDays: number;
  checkedIn: boolean;
}): MakeupRefusal | null {
  const back = daysBetween(input.date, input.today);
  if (back === 0) return "today";
  if (back < 0) return "future";
  if (back > input.windowDays) return "tooOld";
  if (input.date < input.joinedOn) return "beforeJoined";
  if (input.checkedIn) return "checkedIn";
  return null;
}

/**
 * The streak of each day of one member's run after a day is filled: `streaks` maps the dates from the
 * filled day on (checked-in dates only) to their stored streak; the result holds the dates whose
 * streak changes and their new value. A fill can join two runs, so every later day of the joined run
 * counts on from the filled day's streak.
 */
export function streaksAfterFill(filled: { date: string; streak: number }, later: readonly { date: string; streak: number }[]) {
  const changed: { date: string; from: number; to: number }[] = [];
  let expected = addDays(filled.date, 1);
  let streak = filled.streak;
  for (const row of later.filter((r) => r.date > filled.date).sort((a, b) => (a.date < b.date ? -1 : 1))) {
    if (row.date !== expected) break;
    streak += 1;
    if (row.streak !== streak) changed.push({ date: row.date, from: row.streak, to: streak });
    expected = addDays(row.date, 1);
  }
  return { changed, runEnd: streak };
}
