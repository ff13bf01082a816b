import { useT, useLocale } from "~/i18n";
import type { UiKey } from "~/i18n";

/** What the badge helpers need of a badge (a BadgeView as the loader serialised it). */
export interface BadgeLike {
  nameZh: string;
  nameEn: string;
  tier: "bronze" | "silver" | "gold";
  criterion: { type: "counter"; counter: string; threshold: number } | { type: "streak"; days: number } | { type: "challenge"; challengeId: string | null } | { type: "manual" };
  progress?: { earned: boolean; times: number; current: number | null; target: number | null; remaining: number | null } | null;
}

/** The badge's name and description in the reader's language. */
export function useBadgeName() {
  const locale = useLocale();
  return (b: { nameZh: string; nameEn: string }) => (locale === "en" ? b.nameEn : b.nameZh);
}

/** "笔记累计获得 100 个赞", "连续签到 7 天" … */
export function useCriterionText() {
  const t = useT();
  return (b: BadgeLike): string => {
    const c = b.criterion;
    switch (c.type) {
      case "counter":
        return t(`badges.criterion.counter.${c.counter}` as UiKey, { count: c.threshold.toLocaleString("en-US") });
      case "streak":
        return t("badges.criterion.streak", { count: c.days });
      case "challenge":
        return t(c.challengeId ? "badges.criterion.challenge.one" : "badges.criterion.challenge.any");
      case "manual":
        return t("badges.criterion.manual");
    }
  };
}

/** "还差 3 个赞获得 人气新星", or null when there is no number to reach (or it is reached). */
export function useRemainingText() {
  const t = useT();
  const nameOf = useBadgeName();
  return (b: BadgeLike): string | null => {
    const p = b.progress;
    if (!p || p.remaining === null || p.remaining <= 0) return null;
    const key = b.criterion.type === "streak" ? "badges.remaining.streak" : `badges.remaining.${(b.criterion as { counter: string }).counter}`;
    return t(key as UiKey, { count: p.remaining.toLocaleString("en-US"), name: nameOf(b) });
  };
}
