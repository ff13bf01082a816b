import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FeedGrid } from "~/components/feed-grid";
import { CategoryChips, FeedTabs, HOME_TABS, type HomeTab } from "~/components/feed-nav";
import { CompassIcon, PenIcon, SproutIcon, UserIcon } from "~/components/icons";
import { useT } from "~/i18n";
import {
  FEED_PAGE_SIZE,
  cursorOf,
  getFeed,
  homeTabOf,
  listCategories,
  safeFeedPage,
  type FeedPage,
} from "~/utils/feed.server";
import { titleMeta } from "~/utils/meta";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "home.title");

const EMPTY_PAGE: FeedPage = { items: [], nextCursor: null };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const url = new URL(request.url);
  const tab = homeTabOf(url);
  const cursor = cursorOf(url);
  // The following feed is a visitor's invitation to log in; every other tab is public.
  const needsLogin = tab === "following" && !user;
  const [feed, categories] = await Promise.all([
    needsLogin
      ? EMPTY_PAGE
      : safeFeedPage((c) => getFeed(context, { tab, cursor: c, limit: FEED_PAGE_SIZE }, user), cursor),
    // The next page of an infinite scroll needs only the cards.
    cursor ? [] : listCategories(context),
  ]);
  return json({
    tab,
    needsLogin,
    feed,
    categories: categories.map((c) => ({ slug: c.slug, nameZh: c.nameZh, nameEn: c.nameEn })),
  });
}

export default function Home() {
  const t = useT();
  const { tab, needsLogin, feed, categories } = useLoaderData<typeof loader>();
  const hrefOf = (value: HomeTab) => (value === "recommended" ? "/" : `/?tab=${value}`);
  return (
    <div className="home">
      <h1 className="visually-hidden">{t("home.title")}</h1>
      <FeedTabs
        label={t("feed.tabs.label")}
        current={tab}
        hrefOf={hrefOf}
        tabs={HOME_TABS.map((value) => ({ value, label: t(`feed.tab.${value}`) }))}
      />
      <CategoryChips categories={categories} label={t("feed.categories.label")} />
      {needsLogin ? (
        <EmptyState
          icon={<UserIcon size={44} />}
          title={t("feed.following.login.title")}
          actions={
            <Link to="/login?redirectTo=%2F%3Ftab%3Dfollowing" className="btn btn-primary">
              {t("auth.login")}
            </Link>
          }
        >
          {t("feed.following.login.body")}
        </EmptyState>
      ) : (
        <FeedGrid
          key={tab}
          page={feed}
          label={t(`feed.tab.${tab}`)}
          isIndexRoute
          pageHref={(cursor) => `/?${new URLSearchParams(tab === "recommended" ? { cursor } : { tab, cursor })}`}
          empty={
            <EmptyState
              icon={tab === "following" ? <UserIcon size={44} /> : <SproutIcon size={44} />}
              title={tab === "following" ? t("feed.following.empty.title") : t("home.empty.title")}
              actions={
                <>
                  <Link to="/discover" className="btn btn-secondary">
                    <CompassIcon size={20} />
                    {t("home.empty.discover")}
                  </Link>
                  <Link to="/publish" className="btn btn-primary">
                    <PenIcon size={20} />
                    {t("home.empty.publish")}
                  </Link>
                </>
              }
            >
              {tab === "following" ? t("feed.following.empty.body") : t("home.empty.body")}
            </EmptyState>
          }
        />
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
