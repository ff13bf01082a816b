import type { Locale } from "~/i18n";

/*
 * Calendar dates (YYYY-MM-DD) are civil days, not instants: format them at UTC midnight in UTC so the
 * reader's or server's zone can't move them to the day before.
 */
const utc = (date: string) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d ?? 1));
};

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    formats.set(key, f);
  }
  return f;
}

/** "2026年3月" / "March 2026". */
export const monthLabel = (locale: Locale, month: string) => format(locale, { year: "numeric", month: "long" }).format(utc(`${month}-01`));
/** "3月5日" / "March 5". */
export const dayLabel = (locale: Locale, date: string) => format(locale, { month: "long", day: "numeric" }).format(utc(date));
/** Weekday names from Monday: "一 二 三 …" / "Mon Tue …" (a known Monday, 2024-01-01, as the anchor). */
export const weekdayNames = (locale: Locale) =>
  Array.from({ length: 7 }, (_, i) => ({
    short: format(locale, { weekday: "narrow" }).format(utc(`2024-01-0${i + 1}`)),
    long: format(locale, { weekday: "long" }).format(utc(`2024-01-0${i + 1}`)),
  }));
