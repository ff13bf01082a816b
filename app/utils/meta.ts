import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, translate, type UiKey } from "~/i18n/messages";

interface MetaMatch {
  id: string;
  data: unknown;
}

/** "首页 · Seedbed" in the page's language; meta functions can't use hooks, so read the root data. */
export function titleMeta(matches: readonly MetaMatch[], key: UiKey): MetaDescriptor[] {
  const rootLocale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  const locale = isLocale(rootLocale) ? rootLocale : DEFAULT_LOCALE;
  return [{ title: `${translate(locale, key)} · ${translate(locale, "app.name")}` }];
}
