import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useT } from "~/i18n";
import type { MediaView } from "~/utils/feed.server";
import { ChevronLeftIcon, ChevronRightIcon } from "./feed-icons";

/** The frame takes the first picture's shape, kept between 4:3 and 3:4 so the text stays in reach. */
function frameRatio(media: MediaView[]): number {
  const first = media[0];
  if (!first?.width || !first.height) return 4 / 3;
  return Math.min(4 / 3, Math.max(3 / 4, first.height / first.width));
}

/**
 * A note's pictures (or its one video) as a swipeable strip: native scroll-snap for touch, arrow
 * buttons and dots for pointers, ←/→ on the focused strip for keyboards. Without JavaScript the strip
 * still scrolls; the buttons only appear once it can drive them.
 */
export function NoteCarousel({ media, title }: { media: MediaView[]; title: string }) {
  const t = useT();
  const track = useRef<HTMLDivElement>(null);
  const [index, setIndex] = useState(0);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const total = media.length;

  const goTo = useCallback(
    (i: number) => {
      const el = track.current;
      if (!el) return;
      const next = Math.max(0, Math.min(total - 1, i));
      el.scrollTo({ left: next * el.clientWidth, behavior: "smooth" });
      setIndex(next);
    },
    [total],
  );

  const onScroll = () => {
    const el = track.current;
    if (!el || el.clientWidth === 0) return;
    setIndex(Math.round(el.scrollLeft / el.clientWidth));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "ArrowRight") {
      event.preventDefault();
      goTo(index + 1);
    } else if (event.key === "ArrowLeft") {
      event.preventDefault();
      goTo(index - 1);
    }
  };

  if (total === 0) return null;
  const ratio = frameRatio(media);
  return (
    <section className="carousel" aria-roledescription={t("feed.carousel.role")} aria-label={t("feed.carousel.label")}>
      <div
        ref={track}
        className="carousel-track"
        style={{ aspectRatio: `1 / ${ratio.toFixed(4)}` }}
        tabIndex={total > 1 ? 0 : undefined}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        aria-label={total > 1 ? t("feed.carousel.hint") : undefined}
      >
        {media.map((m, i) => (
          <div
            key={m.uploadId}
            className="carousel-slide"
            role="group"
            aria-roledescription={t("feed.carousel.slide")}
            aria-label={t("feed.carousel.position", { n: i + 1, total })}
          >
            {m.kind === "video" ? (
              <video
                src={m.url}
                poster={m.thumbUrl !== m.url ? m.thumbUrl : undefined}
                controls
                playsInline
                preload="metadata"
                width={m.width ?? undefined}
                height={m.height ?? undefined}
                aria-label={title}
              />
            ) : (
              <img
                src={m.url}
                alt={total > 1 ? t("feed.carousel.alt", { title, n: i + 1 }) : title}
                width={m.width ?? 1080}
                height={m.height ?? 1440}
                loading={i === 0 ? "eager" : "lazy"}
                decoding="async"
              />
            )}
          </div>
        ))}
      </div>
      {total > 1 ? (
        <>
          <span className="carousel-counter" aria-hidden="true">
            {index + 1}/{total}
          </span>
          {hydrated ? (
            <>
              <button
                type="button"
                className="carousel-arrow carousel-prev"
                aria-label={t("feed.carousel.prev")}
                onClick={() => goTo(index - 1)}
                disabled={index === 0}
              >
                <ChevronLeftIcon size={22} />
              </button>
              <button
                type="button"
                className="carousel-arrow carousel-next"
                aria-label={t("feed.carousel.next")}
                onClick={() => goTo(index + 1)}
                disabled={index === total - 1}
              >
                <ChevronRightIcon size={22} />
              </button>
              <div className="carousel-dots">
                {media.map((m, i) => (
                  <button
                    key={m.uploadId}
                    type="button"
                    className="carousel-dot"
                    aria-label={t("feed.carousel.position", { n: i + 1, total })}
                    aria-current={i === index ? "true" : undefined}
                    onClick={() => goTo(i)}
                  />
                ))}
              </div>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
