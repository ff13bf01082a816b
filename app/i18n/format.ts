import type { Locale } from "./messages";

/*
 * Locale-aware formatting through Intl, never by hand: 12,345 is "1.2万" in Chinese and "12K" in
 * English; dates read "2026年11月23日" or "November 23, 2026".
 *
 * Building an Intl formatter costs far more than using one, and a feed page formats hundreds of
 * counts and times, so each formatter is made once per locale, options and time zone and reused.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

export function formatCount(locale: Locale, n: number): string {
  if (Math.abs(n) < 10_000) return memo(`n:${locale}`, () => new Intl.NumberFormat(locale)).format(n);
  return memo(`nc:${locale}`, () => new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 })).format(n);
}

/** Money is integer cents of CNY everywhere; shown as ¥12.90. */
export function formatMoney(locale: Locale, cents: number): string {
  return memo(
    `m:${locale}`,
    () => new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol" }),
  ).format(cents / 100);
}

export function formatDate(locale: Locale, date: Date | string, timeZone?: string): string {
  return memo(`d:${locale}:${timeZone ?? ""}`, () => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone })).format(
    new Date(date),
  );
}

export function formatDateTime(locale: Locale, date: Date | string, timeZone?: string): string {
  return memo(
    `dt:${locale}:${timeZone ?? ""}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }),
  ).format(new Date(date));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3分钟前" / "3 minutes ago"; under a minute reads "刚刚" / "now". */
export function formatRelative(locale: Locale, date: Date | string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(date).getTime() - now.getTime()) / 1000);
  const rtf = memo(`r:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(0, "second");
}
