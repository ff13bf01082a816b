import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FeedGrid } from "~/components/feed-grid";
import { FeedTabs, LIST_SORTS } from "~/components/feed-nav";
import { SproutIcon } from "~/components/icons";
import { useT } from "~/i18n";
import { FEED_PAGE_SIZE, MAX_TOPIC_LENGTH, cursorOf, getFeed, listSortOf, safeFeedPage } from "~/utils/feed.server";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `#${data?.topic ?? ""} · Seedbed` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const topic = (params.topic ?? "").trim();
  if (!topic || Array.from(topic).length > MAX_TOPIC_LENGTH) throw json({ code: "NOT_FOUND" }, { status: 404 });
  const url = new URL(request.url);
  const sort = listSortOf(url);
  const feed = await safeFeedPage(
    (c) => getFeed(context, { tab: sort, topic, cursor: c, limit: FEED_PAGE_SIZE }, user),
    cursorOf(url),
  );
  return json({ sort, topic, feed });
}

export default function TopicPage() {
  const t = useT();
  const { sort, topic, feed } = useLoaderData<typeof loader>();
  const base = `/t/${encodeURIComponent(topic)}`;
  return (
    <>
      <h1 className="feed-page-title">
        <span className="topic-hash" aria-hidden="true">
          #
        </span>
        {topic}
      </h1>
      <FeedTabs
        label={t("feed.sort.label")}
        current={sort}
        hrefOf={(value) => (value === "latest" ? base : `${base}?sort=${value}`)}
        tabs={LIST_SORTS.map((value) => ({ value, label: t(`feed.sort.${value}`) }))}
      />
      <FeedGrid
        key={sort}
        page={feed}
        label={`#${topic}`}
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
