import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";
import { formatCount, formatDate, formatDateTime, formatMoney, formatRelative } from "./format";
import { DEFAULT_LOCALE, translate, type Locale, type MessageParams, type UiKey } from "./messages";

export { DEFAULT_LOCALE, LOCALES, isLocale, translate, type Locale, type UiKey, type UiMessages } from "./messages";

interface LocaleSettings {
  locale: Locale;
  /** Dates are shown in the platform time zone, so server and browser render the same text. */
  timeZone: string;
}
const LocaleContext = createContext<LocaleSettings>({ locale: DEFAULT_LOCALE, timeZone: "Asia/Shanghai" });

/** Set once in the root layout from the locale the server resolved for this request. */
export function LocaleProvider({ children, ...settings }: LocaleSettings & { children: ReactNode }) {
  const value = useMemo(() => settings, [settings.locale, settings.timeZone]); // eslint-disable-line react-hooks/exhaustive-deps
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext).locale;
}

export type TFunction = (key: UiKey, params?: MessageParams) => string;

/** `const t = useT(); t("nav.home")` — the typed UI string lookup for the current locale. */
export function useT(): TFunction {
  const locale = useLocale();
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}

/** Intl formatters bound to the current locale. */
export function useFormat() {
  const { locale, timeZone } = useContext(LocaleContext);
  return useMemo(
    () => ({
      count: (n: number) => formatCount(locale, n),
      money: (cents: number) => formatMoney(locale, cents),
      date: (d: Date | string) => formatDate(locale, d, timeZone),
      dateTime: (d: Date | string) => formatDateTime(locale, d, timeZone),
      relative: (d: Date | string, now?: Date) => formatRelative(locale, d, now),
    }),
    [locale, timeZone],
  );
}
