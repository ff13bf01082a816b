import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n";
import type { NoteHit, UserHit } from "~/utils/search.server";
import { HeartIcon } from "./feed-icons";
import { Highlight } from "./search-highlight";
import { UserAvatar } from "./user-avatar";

/** Matching notes as cards: cover, highlighted title and snippet, author and likes. */
export function SearchNoteList({ notes }: { notes: NoteHit[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <ul className="search-notes" data-testid="search-notes">
      {notes.map((n) => (
        <li key={n.id} className="search-note" data-testid="search-note">
          <Link to={`/n/${n.id}`} className="search-note-link">
            {n.cover ? <img src={n.cover.thumbUrl} alt="" width={96} height={128} loading="lazy" decoding="async" /> : null}
            <div className="search-note-text">
              <h3>
                <Highlight value={n.highlight.title} fallback={n.title} />
              </h3>
              {n.highlight.snippet.text ? (
                <p>
                  <Highlight value={n.highlight.snippet} />
                </p>
              ) : null}
            </div>
          </Link>
          <div className="note-card-meta">
            <Link to={`/u/${n.author.handle}`} className="note-card-author">
              <UserAvatar user={n.author} size={20} />
              <span>{n.author.displayName}</span>
            </Link>
            <span className="note-card-likes" aria-label={t("feed.card.likes", { count: format.count(n.likeCount) })}>
              <HeartIcon size={14} />
              <span aria-hidden="true">{format.count(n.likeCount)}</span>
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Matching members with highlighted name, handle and bio. */
export function SearchUserList({ users }: { users: UserHit[] }) {
  return (
    <ul className="search-users" data-testid="search-users">
      {users.map((u) => (
        <li key={u.user.id}>
          <Link to={`/u/${u.user.handle}`} className="search-user">
            <UserAvatar user={u.user} size={44} />
            <div>
              <strong>
                <Highlight value={u.highlight.displayName} fallback={u.user.displayName} />
              </strong>
              <span className="search-user-handle">
                @<Highlight value={u.highlight.handle} fallback={u.user.handle} />
              </span>
              {u.highlight.bio.text ? (
                <p>
                  <Highlight value={u.highlight.bio} />
                </p>
              ) : null}
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
