/**
 * Time is injected everywhere a rule depends on it (day boundaries, streaks, windows, expiry),
 * so tests can stand at 23:59:59 in Asia/Shanghai.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class FixedClock implements Clock {
  private current: Date;
  constructor(start: Date | string = new Date()) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * The platform-local calendar date (YYYY-MM-DD) of an instant. The one place "a day" is computed:
 * check-ins, daily caps and streaks all use it.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function localDate(at: Date, timeZone: string): string {
  // Building the formatter costs far more than using it; one per time zone serves every call.
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in milliseconds. */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant at which `timeZone`'s wall clock shows the time that `wallAsUtcMs` shows in UTC (build it
 * with Date.UTC, which also carries day and month overflow). Two passes settle DST transitions.
 */
export function zonedWallTime(wallAsUtcMs: number, timeZone: string): Date {
  let guess = wallAsUtcMs - zoneOffsetMs(new Date(wallAsUtcMs), timeZone);
  guess = wallAsUtcMs - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** The UTC instant of a wall-clock time on a calendar date (YYYY-MM-DD) in `timeZone`. */
export function zonedInstant(date: string, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return zonedWallTime(Date.UTC(y, m - 1, d, hour, minute), timeZone);
}

/** The UTC instant of 00:00 on a platform-local date; month and day may overflow (month 13, day 0). */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): Date {
  return zonedWallTime(Date.UTC(year, month - 1, day), timeZone);
}
