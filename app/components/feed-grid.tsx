import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useT } from "~/i18n";
import type { PostCard } from "~/utils/feed.server";
import { NoteCard, NoteCardSkeleton, coverRatio } from "./note-card";

export interface FeedPage {
  items: PostCard[];
  nextCursor: string | null;
}

/** Card height per unit of column width beyond the cover: two title lines and the author row. */
const TEXT_BLOCK = 0.42;

/**
 * Splits cards into two columns, each card going to the shorter one, like a waterfall. It is a pure
 * function of the list, so server and browser agree, and appending a page never moves earlier cards.
 */
export function splitColumns(cards: PostCard[]): [PostCard[], PostCard[]] {
  const columns: [PostCard[], PostCard[]] = [[], []];
  const heights = [0, 0];
  for (const card of cards) {
    const i = heights[0]! <= heights[1]! ? 0 : 1;
    columns[i].push(card);
    heights[i]! += coverRatio(card) + TEXT_BLOCK;
  }
  return columns;
}

/**
 * The two-column note waterfall with infinite scroll. Without JavaScript the "load more" control is a
 * real link to the next page; with it, an IntersectionObserver fetches the next page through the same
 * loader (`?cursor=`) and appends it. `pageHref` builds that link; index routes pass `isIndexRoute` so
 * the fetch reaches their loader rather than the root's.
 */
export function FeedGrid({
  page,
  pageHref,
  isIndexRoute = false,
  empty,
  label,
  showStatus = false,
}: {
  page: FeedPage;
  pageHref: (cursor: string) => string;
  isIndexRoute?: boolean;
  empty: ReactNode;
  label: string;
  showStatus?: boolean;
}) {
  const t = useT();
  const fetcher = useFetcher<{ feed: FeedPage }>();
  const [more, setMore] = useState<PostCard[]>([]);
  const [cursor, setCursor] = useState(page.nextCursor);
  const applied = useRef<unknown>(null);

  // A new first page (another tab, a revalidation) starts the list over.
  useEffect(() => {
    setMore([]);
    setCursor(page.nextCursor);
  }, [page]);

  useEffect(() => {
    const data = fetcher.data;
    if (!data?.feed || applied.current === data) return;
    applied.current = data;
    setMore((prev) => [...prev, ...data.feed.items]);
    setCursor(data.feed.nextCursor);
  }, [fetcher.data]);

  const cards = useMemo(() => {
    // Feeds that rank by score can hand back a card already shown; keep the first one.
    const seen = new Set<string>();
    return [...page.items, ...more].filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
  }, [page.items, more]);
  const [left, right] = useMemo(() => splitColumns(cards), [cards]);

  const loading = fetcher.state === "loading";
  const sentinel = useRef<HTMLAnchorElement>(null);
  const loadNext = useRef<() => void>(() => {});
  loadNext.current = () => {
    if (!cursor || fetcher.state !== "idle") return;
    fetcher.load(`${pageHref(cursor)}${isIndexRoute ? "&index" : ""}`);
  };

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor || loading || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadNext.current();
    }, { rootMargin: "800px 0px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [cursor, loading]);

  if (cards.length === 0) return <>{empty}</>;

  return (
    <section className="feed" aria-label={label} aria-busy={loading || undefined}>
      <div className="waterfall">
        {[left, right].map((column, c) => (
          <div className="waterfall-col" key={c}>
            {column.map((card, i) => (
              <NoteCard key={card.id} card={card} priority={i < 2} showStatus={showStatus} />
            ))}
            {loading ? (
              <>
                <NoteCardSkeleton tall={c === 0} />
                <NoteCardSkeleton tall={c === 1} />
              </>
            ) : null}
          </div>
        ))}
      </div>
      <div className="feed-footer">
        {cursor ? (
          <Link
            ref={sentinel}
            to={pageHref(cursor)}
            className="btn btn-secondary feed-more"
            data-testid="feed-more"
            preventScrollReset
            onClick={(event) => {
              event.preventDefault();
              loadNext.current();
            }}
          >
            {loading ? t("feed.loading") : t("feed.more")}
          </Link>
        ) : (
          <p className="muted small">{t("feed.end")}</p>
        )}
      </div>
    </section>
  );
}
