import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { formatCount, formatDate, formatMoney, formatRelative } from "~/i18n/format";
import { translate } from "~/i18n/messages";
import { zhCN } from "~/i18n/zh-CN";
import { resolveLocale } from "~/utils/locale.server";
import { safeRedirect } from "~/utils/redirect";

const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

describe("UI language and formatting", () => {
  it("writes counts the way each language reads them", () => {
    expect(formatCount("zh-CN", 12_345)).toBe("1.2万");
    expect(formatCount("zh-CN", 340_000_000)).toBe("3.4亿");
    expect(formatCount("zh-CN", 9_999)).toBe("9,999");
    expect(formatCount("en", 12_345)).toBe("12.3K");
  });

  it("writes money from cents and dates in each language's own style", () => {
    expect(formatMoney("zh-CN", 1290)).toBe("¥12.90");
    expect(formatDate("zh-CN", "2026-11-23T02:00:00Z", "Asia/Shanghai")).toBe("2026年11月23日");
    expect(formatDate("en", "2026-11-23T02:00:00Z", "Asia/Shanghai")).toBe("November 23, 2026");
    const now = new Date("2026-11-23T10:00:00Z");
    expect(formatRelative("zh-CN", "2026-11-23T09:57:00Z", now)).toBe("3分钟前");
    expect(formatRelative("zh-CN", "2026-11-22T10:00:00Z", now)).toBe("昨天");
  });

  it("has an English string for every Chinese one, none left empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    // Separators may be a bare space by design; every other string needs words.
    expect(Object.entries(en).filter(([k, v]) => !v.trim() && !(k.endsWith(".separator") && v.length > 0))).toEqual([]);
    expect(translate("en", "home.welcome", { name: "Lily" })).toBe("Hi, Lily");
  });

  it("picks the language from the cookie, then the account, then the browser, then Chinese", () => {
    expect(resolveLocale(request({ cookie: "sb_lang=en", "accept-language": "zh-CN" }), { locale: "zh-CN" })).toBe("en");
    expect(resolveLocale(request({ "accept-language": "zh-CN" }), { locale: "en" })).toBe("en");
    expect(resolveLocale(request({ "accept-language": "en-US,en;q=0.9" }), null)).toBe("en");
    expect(resolveLocale(request({ "accept-language": "fr-FR" }), null)).toBe("zh-CN");
    expect(resolveLocale(request({ cookie: "sb_lang=klingon" }), null)).toBe("zh-CN");
  });

  it("only redirects to paths on this site after logging in", () => {
    expect(safeRedirect("/settings/tokens?tab=1")).toBe("/settings/tokens?tab=1");
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "/\t/evil.example", "", null]) {
      expect(safeRedirect(bad, "/me")).toBe("/me");
    }
  });
});
