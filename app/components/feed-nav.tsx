import { Link } from "@remix-run/react";
import { useLocale } from "~/i18n";

/** The feed tabs a reader can pick on the home page, in display order (shared by loader and UI). */
export const HOME_TABS = ["recommended", "following", "featured", "hot"] as const;
export type HomeTab = (typeof HOME_TABS)[number];

/** Category and topic pages sort by newest or hottest. */
export const LIST_SORTS = ["latest", "hot"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** A row of tab links (`?tab=`, `?sort=`): real navigation, marked with aria-current. */
export function FeedTabs<T extends string>({
  tabs,
  current,
  hrefOf,
  label,
}: {
  tabs: readonly { value: T; label: string }[];
  current: T;
  hrefOf: (value: T) => string;
  label: string;
}) {
  return (
    <nav className="feed-tabs" aria-label={label}>
      {tabs.map((tab) => (
        <Link
          key={tab.value}
          to={hrefOf(tab.value)}
          className="feed-tab"
          aria-current={tab.value === current ? "page" : undefined}
          preventScrollReset={false}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

export interface CategoryItem {
  slug: string;
  nameZh: string;
  nameEn: string;
}

/** A category's name in the reader's language. */
export function useCategoryName() {
  const locale = useLocale();
  return (c: Pick<CategoryItem, "nameZh" | "nameEn">) => (locale === "en" ? c.nameEn : c.nameZh);
}

/** The horizontally scrolling chip row of verticals (美妆, 美食 …) linking to their pages. */
export function CategoryChips({ categories, current, label }: { categories: CategoryItem[]; current?: string; label: string }) {
  const nameOf = useCategoryName();
  if (categories.length === 0) return null;
  return (
    <nav className="category-chips" aria-label={label}>
      {categories.map((c) => (
        <Link
          key={c.slug}
          to={`/c/${encodeURIComponent(c.slug)}`}
          className="category-chip"
          aria-current={c.slug === current ? "page" : undefined}
        >
          {nameOf(c)}
        </Link>
      ))}
    </nav>
  );
}
