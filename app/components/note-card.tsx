import { Link } from "@remix-run/react";
import type { CSSProperties } from "react";
import { useFormat, useT } from "~/i18n";
import type { PostCard } from "~/utils/feed.server";
import { HeartIcon, PlayIcon } from "./feed-icons";
import { UserAvatar } from "./user-avatar";

/**
 * A cover's height per unit of width, kept between 4:3 landscape and 3:4 portrait like the big
 * seeding apps do, so one panorama can't flatten a card and one tall screenshot can't fill the screen.
 */
export function coverRatio(card: Pick<PostCard, "cover">): number {
  const cover = card.cover;
  if (!cover?.width || !cover.height) return 4 / 3;
  return Math.min(4 / 3, Math.max(3 / 4, cover.height / cover.width));
}

/** The width the cover image is requested at; its height follows the kept ratio. */
const COVER_WIDTH = 360;

/** A note in the two-column feed: cover, two-line title, author, likes. */
export function NoteCard({ card, priority = false, showStatus = false }: { card: PostCard; priority?: boolean; showStatus?: boolean }) {
  const t = useT();
  const format = useFormat();
  const ratio = coverRatio(card);
  const coverStyle: CSSProperties = { aspectRatio: `1 / ${ratio.toFixed(4)}` };
  const statusKey = card.status !== "published" ? (`feed.status.${card.status}` as const) : null;
  return (
    <article className="note-card" data-testid="note-card">
      <Link to={`/n/${card.id}`} className="note-card-link" prefetch="intent">
        <div className="note-card-cover" style={coverStyle}>
          {card.cover ? (
            <img
              src={card.cover.thumbUrl ?? card.cover.url}
              alt=""
              width={COVER_WIDTH}
              height={Math.round(COVER_WIDTH * ratio)}
              loading={priority ? "eager" : "lazy"}
              decoding="async"
            />
          ) : null}
          {card.mediaKind === "video" ? (
            <span className="note-card-video" aria-label={t("feed.card.video")} role="img">
              <PlayIcon size={14} filled />
            </span>
          ) : null}
          {showStatus && statusKey && isStatusKey(statusKey) ? (
            <span className={`note-status-badge note-status-${card.status}`}>{t(statusKey)}</span>
          ) : null}
        </div>
        <h3 className="note-card-title">{card.title}</h3>
      </Link>
      <div className="note-card-meta">
        <Link to={`/u/${card.author.handle}`} className="note-card-author">
          <UserAvatar user={card.author} size={20} />
          <span>{card.author.displayName}</span>
        </Link>
        <span
          className={`note-card-likes${card.liked ? " is-liked" : ""}`}
          aria-label={t("feed.card.likes", { count: format.count(card.likeCount) })}
        >
          <HeartIcon size={15} filled={card.liked} />
          <span aria-hidden="true">{format.count(card.likeCount)}</span>
        </span>
      </div>
    </article>
  );
}

const STATUS_KEYS = new Set(["feed.status.draft", "feed.status.held", "feed.status.hidden", "feed.status.removed"]);
function isStatusKey(key: string): key is "feed.status.draft" | "feed.status.held" | "feed.status.hidden" | "feed.status.removed" {
  return STATUS_KEYS.has(key);
}

/** Grey stand-ins for cards that are on their way. */
export function NoteCardSkeleton({ tall = false }: { tall?: boolean }) {
  return (
    <div className="note-card note-card-skeleton" aria-hidden="true">
      <div className="note-card-cover skeleton" style={{ aspectRatio: tall ? "3 / 4" : "1 / 1" }} />
      <div className="skeleton-line" />
      <div className="skeleton-line short" />
    </div>
  );
}
