import { Form, useLocation } from "@remix-run/react";
import { LOCALES, useLocale, useT, type Locale } from "~/i18n";
import { GlobeIcon } from "./icons";

/** Where to come back to after switching: the page the switch was pressed on. */
function useHere() {
  const location = useLocation();
  return location.pathname + location.search;
}

/**
 * One button that flips to the other language. A plain form post to /language, so it works
 * before (or without) JavaScript; with it, Remix submits in place and reloads the page's data.
 */
export function LanguageToggle({ variant = "compact" }: { variant?: "compact" | "rail" }) {
  const t = useT();
  const locale = useLocale();
  const here = useHere();
  const other: Locale = locale === "en" ? "zh-CN" : "en";
  return (
    <Form method="post" action="/language" preventScrollReset>
      <input type="hidden" name="redirectTo" value={here} />
      <button
        type="submit"
        name="locale"
        value={other}
        className={variant === "rail" ? "btn btn-ghost btn-block" : "btn btn-ghost btn-lang"}
        lang={other}
        aria-label={t("lang.switchTo", { language: t(`lang.${other}`) })}
        title={t("lang.switchTo", { language: t(`lang.${other}`) })}
      >
        {variant === "rail" ? (
          <>
            <GlobeIcon size={20} />
            <span className="rail-label">{t(`lang.${other}`)}</span>
          </>
        ) : (
          t(`lang.short.${other}`)
        )}
      </button>
    </Form>
  );
}

/** Both languages side by side, the current one pressed (for the me page). */
export function LanguageSegmented() {
  const t = useT();
  const locale = useLocale();
  const here = useHere();
  return (
    <Form method="post" action="/language" preventScrollReset className="segmented" aria-label={t("lang.label")}>
      <input type="hidden" name="redirectTo" value={here} />
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          className="btn btn-small"
          aria-pressed={l === locale}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </Form>
  );
}
