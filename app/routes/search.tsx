import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FeedTabs, useCategoryName } from "~/components/feed-nav";
import { SearchBox, SearchIcon } from "~/components/search-box";
import { SearchNoteList, SearchUserList } from "~/components/search-results";
import searchStyles from "~/components/search-styles.css";
import { useFormat, useT } from "~/i18n";
import { titleMeta } from "~/utils/meta";
import { searchPage } from "~/utils/search.server";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "search.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  return json(await searchPage(context, new URL(request.url), user));
}

/** /search?q=&type=notes|users&category=&cursor= — results, tabs, category chips with counts. */
export default function Search() {
  const t = useT();
  const format = useFormat();
  const nameOf = useCategoryName();
  const page = useLoaderData<typeof loader>();
  const href = (params: Record<string, string | null | undefined>) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: page.q, ...params })) if (v) search.set(k, v);
    return `/search?${search}`;
  };

  return (
    <>
      <PageHeader title={t("search.title")} />
      <SearchBox q={page.q} type={page.type} />
      {page.state === "start" ? (
        <EmptyState icon={<SearchIcon size={44} />} title={t("search.start.title")}>
          {t("search.start.body")}
        </EmptyState>
      ) : page.state === "invalid" ? (
        <EmptyState icon={<SearchIcon size={44} />} title={t("search.invalid.title")}>
          {t("search.invalid.body")}
        </EmptyState>
      ) : (
        <>
          <FeedTabs
            tabs={[
              { value: "notes", label: t("search.tab.notes") },
              { value: "users", label: t("search.tab.users") },
            ]}
            current={page.type}
            hrefOf={(type) => href({ type: type === "users" ? "users" : null })}
            label={t("search.tabs.label")}
          />
          {page.type === "notes" && page.result.categories.length > 0 ? (
            <nav className="category-chips" aria-label={t("search.categories.label")}>
              <Link to={href({})} className="category-chip" aria-current={page.category ? undefined : "page"}>
                {t("search.category.all")}
              </Link>
              {page.result.categories.map((c) => (
                <Link
                  key={c.slug}
                  to={href({ category: c.slug })}
                  className="category-chip"
                  aria-current={c.slug === page.category ? "page" : undefined}
                  data-testid="search-category"
                >
                  {nameOf(c)}
                  <span className="search-count">{format.count(c.count)}</span>
                </Link>
              ))}
            </nav>
          ) : null}
          {page.result.total > 0 ? <p className="search-total">{t("search.total", { count: format.count(page.result.total) })}</p> : null}
          {page.type === "notes" ? (
            page.result.notes.length > 0 ? (
              <SearchNoteList notes={page.result.notes} />
            ) : (
              <EmptyState icon={<SearchIcon size={44} />} title={t("search.empty.title")}>
                {t("search.empty.body")}
              </EmptyState>
            )
          ) : page.result.users.length > 0 ? (
            <SearchUserList users={page.result.users} />
          ) : (
            <EmptyState icon={<SearchIcon size={44} />} title={t("search.empty.users.title")}>
              {t("search.empty.body")}
            </EmptyState>
          )}
          {page.result.nextCursor ? (
            <Link
              className="btn btn-secondary search-more"
              to={href({ type: page.type === "users" ? "users" : null, category: page.category, cursor: page.result.nextCursor })}
            >
              {t("search.more")}
            </Link>
          ) : null}
        </>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
