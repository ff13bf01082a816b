import { en } from "./en";
import { zhCN } from "./zh-CN";

/** The languages the UI speaks; the first is the default. Matches the users.locale column. */
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

/** Every UI string key. Simplified Chinese is the source of the key set. */
export type UiKey = keyof typeof zhCN;
/** A complete translation: a dictionary missing a key (or with an extra one) does not compile. */
export type UiMessages = { readonly [K in UiKey]: string };

const dictionaries: Record<Locale, UiMessages> = { "zh-CN": zhCN, en };

export type MessageParams = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The UI string for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: UiKey, params?: MessageParams): string {
  const template = dictionaries[locale][key] ?? dictionaries[DEFAULT_LOCALE][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
