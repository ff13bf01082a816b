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
