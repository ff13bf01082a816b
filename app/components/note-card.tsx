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

/** The fan-only lock over a missing cover and the 合作 label: inline, so every page that shows cards has them. */
const LOCKED_STYLE: CSSProperties = { position: "absolute", inset: 0, display: "flex", alignItems: "center", justifyContent: "center", fontSize: "0.85rem", color: "#b0214b", background: "#faf2f4" };
const DISCLOSURE_STYLE: CSSProperties = { display: "inline-block", margin: "0 0.5rem", fontSize: "0.7rem", padding: "0 0.35rem", borderRadius: 4, background: "#fff5e0", color: "#8a5300" };

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
          {card.fanOnlyLocked ? (
            <span className="note-card-locked" role="img" aria-label={t("fans.locked.title")} style={LOCKED_STYLE}>
              🔒 {t("fans.locked.title")}
            </span>
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
        {card.disclosure ? <span className="note-card-disclosure" style={DISCLOSURE_STYLE}>{t("campaigns.disclosure.full", { brand: card.disclosure })}</span> : null}
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
