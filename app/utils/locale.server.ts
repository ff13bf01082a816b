import { parse, serialize } from "cookie";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/messages";

/** Remembers the chosen UI language, also for visitors who never log in. */
export const LANGUAGE_COOKIE = "sb_lang";
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The language of this response: an explicit choice (the cookie) wins, then the signed-in user's
 * profile, then what the browser asks for, then Simplified Chinese.
 */
export function resolveLocale(request: Request, user: { locale: string } | null): Locale {
  const fromCookie = parse(request.headers.get("cookie") ?? "")[LANGUAGE_COOKIE];
  if (isLocale(fromCookie)) return fromCookie;
  if (user && isLocale(user.locale)) return user.locale;
  return localeFromAcceptLanguage(request.headers.get("accept-language")) ?? DEFAULT_LOCALE;
}

/** The Set-Cookie header that remembers `locale` for a year. */
export function languageCookie(locale: Locale, options: { secure: boolean }): string {
  return serialize(LANGUAGE_COOKIE, locale, {
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "lax",
    httpOnly: true,
    secure: options.secure,
  });
}

/**
 * The supported language the browser prefers most, or undefined when it names neither. Unlike the
 * API (which defaults to English), a Chinese-first community defaults to Chinese for other tags.
 */
function localeFromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(",")) {
    const [tag = "", ...attrs] = part.trim().toLowerCase().split(";");
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith("q="));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const locale: Locale | undefined = tag.startsWith("zh") ? "zh-CN" : tag.startsWith("en") ? "en" : undefined;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale;
}

/** Cookies only travel over HTTPS when the site is served over HTTPS. */
export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}
