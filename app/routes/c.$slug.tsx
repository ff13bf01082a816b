import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FeedGrid } from "~/components/feed-grid";
import { CategoryChips, FeedTabs, LIST_SORTS, useCategoryName } from "~/components/feed-nav";
import { SproutIcon } from "~/components/icons";
import { useT } from "~/i18n";
import { FEED_PAGE_SIZE, cursorOf, getFeed, listCategories, listSortOf, safeFeedPage } from "~/utils/feed.server";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale;
  const name = data ? (locale === "en" ? data.category.nameEn : data.category.nameZh) : "";
  return [{ title: `${name} · Seedbed` }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const url = new URL(request.url);
  const sort = listSortOf(url);
  const cursor = cursorOf(url);
  const categories = await listCategories(context);
  const category = categories.find((c) => c.slug === params.slug);
  if (!category) throw json({ code: "NOT_FOUND" }, { status: 404 });
  const feed = await safeFeedPage(
    (c) => getFeed(context, { tab: sort, categorySlug: category.slug, cursor: c, limit: FEED_PAGE_SIZE }, user),
    cursor,
  );
  return json({
    sort,
    feed,
    category: { slug: category.slug, nameZh: category.nameZh, nameEn: category.nameEn },
    categories: cursor ? [] : categories.map((c) => ({ slug: c.slug, nameZh: c.nameZh, nameEn: c.nameEn })),
  });
}

export default function CategoryPage() {
  const t = useT();
  const nameOf = useCategoryName();
  const { sort, feed, category, categories } = useLoaderData<typeof loader>();
  const base = `/c/${encodeURIComponent(category.slug)}`;
  return (
    <>
      <h1 className="feed-page-title">{nameOf(category)}</h1>
      <CategoryChips categories={categories} current={category.slug} label={t("feed.categories.label")} />
      <FeedTabs
        label={t("feed.sort.label")}
        current={sort}
        hrefOf={(value) => (value === "latest" ? base : `${base}?sort=${value}`)}
        tabs={LIST_SORTS.map((value) => ({ value, label: t(`feed.sort.${value}`) }))}
      />
      <FeedGrid
        key={sort}
        page={feed}
        label={nameOf(category)}
        pageHref={(cursor) => `${base}?${new URLSearchParams(sort === "latest" ? { cursor } : { sort, cursor })}`}
        empty={
          <EmptyState icon={<SproutIcon size={44} />} title={t("feed.empty.title")}>
            {t("feed.empty.body")}
          </EmptyState>
        }
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
