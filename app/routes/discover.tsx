import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FeedGrid } from "~/components/feed-grid";
import { useCategoryName } from "~/components/feed-nav";
import { CompassIcon } from "~/components/icons";
import { useT } from "~/i18n";
import { FEED_PAGE_SIZE, cursorOf, getFeed, listCategories, safeFeedPage } from "~/utils/feed.server";
import { titleMeta } from "~/utils/meta";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "discover.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const cursor = cursorOf(new URL(request.url));
  const [feed, categories] = await Promise.all([
    safeFeedPage((c) => getFeed(context, { tab: "hot", cursor: c, limit: FEED_PAGE_SIZE }, user), cursor),
    cursor ? [] : listCategories(context),
  ]);
  return json({ feed, categories: categories.map((c) => ({ slug: c.slug, nameZh: c.nameZh, nameEn: c.nameEn })) });
}

export default function Discover() {
  const t = useT();
  const nameOf = useCategoryName();
  const { feed, categories } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("discover.heading")} />
      {categories.length > 0 ? (
        <section aria-labelledby="discover-categories" className="discover-section">
          <h2 id="discover-categories" className="section-heading">
            {t("feed.discover.categories")}
          </h2>
          <ul className="category-grid">
            {categories.map((c, i) => (
              <li key={c.slug}>
                <Link to={`/c/${encodeURIComponent(c.slug)}`} className={`category-tile tone-${i % 6}`}>
                  <span className="category-tile-name">{nameOf(c)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="discover-hot" className="discover-section">
        <h2 id="discover-hot" className="section-heading">
          {t("feed.discover.hot")}
        </h2>
        <FeedGrid
          page={feed}
          label={t("feed.discover.hot")}
          pageHref={(cursor) => `/discover?${new URLSearchParams({ cursor })}`}
          empty={
            <EmptyState icon={<CompassIcon size={44} />} title={t("discover.empty.title")}>
              {t("discover.empty.body")}
            </EmptyState>
          }
        />
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
