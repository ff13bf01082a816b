import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useFormat, useT } from "~/i18n";
import type { IntentResult } from "~/utils/feed.server";
import { useOptionalUser } from "~/utils/user";
import { CommentIcon, HeartIcon, ShareIcon, StarIcon } from "./feed-icons";
import { useToast } from "./feed-toast";

/**
 * What a toggle shows while its request runs: the state it is heading to, with the count moved by one.
 * Once the request settles the page's revalidated data takes over; if it failed (no revalidation),
 * that is the old state again — the rollback.
 */
export function optimisticToggle(
  pendingIntent: FormDataEntryValue | null | undefined,
  on: string,
  off: string,
  active: boolean,
  count: number,
): { active: boolean; count: number } {
  if (pendingIntent === on) return { active: true, count: active ? count : count + 1 };
  if (pendingIntent === off) return { active: false, count: active ? Math.max(0, count - 1) : count };
  return { active, count };
}

function useErrorToast(fetcher: { state: string; data?: IntentResult }) {
  const notify = useToast();
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data && !fetcher.data.ok) notify(fetcher.data.error, "error");
  }, [fetcher.state, fetcher.data, notify]);
}

function ToggleButton({
  on,
  off,
  active,
  count,
  label,
  icon,
  testId,
}: {
  on: string;
  off: string;
  active: boolean;
  count: number;
  label: string;
  icon: (active: boolean) => ReactNode;
  testId: string;
}) {
  const fetcher = useFetcher<IntentResult>();
  const format = useFormat();
  useErrorToast(fetcher);
  const shown = optimisticToggle(fetcher.formData?.get("intent"), on, off, active, count);
  return (
    <fetcher.Form method="post" className="action-form">
      <input type="hidden" name="intent" value={shown.active ? off : on} />
      <button
        type="submit"
        className={`action-button${shown.active ? " is-active" : ""}`}
        aria-pressed={shown.active}
        aria-label={label}
        data-testid={testId}
      >
        {icon(shown.active)}
        <span className="action-count" aria-live="polite" data-testid={`${testId}-count`}>
          {format.count(shown.count)}
        </span>
      </button>
    </fetcher.Form>
  );
}

/** A visitor's version of an action: it looks the same and asks them to log in first. */
function LoginToAct({ label, icon, count, testId }: { label: string; icon: ReactNode; count: number; testId: string }) {
  const location = useLocation();
  const format = useFormat();
  return (
    <Link
      to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`}
      className="action-button"
      aria-label={label}
      data-testid={testId}
    >
      {icon}
      <span className="action-count">{format.count(count)}</span>
    </Link>
  );
}

function ShareButton({ count }: { count: number }) {
  const t = useT();
  const format = useFormat();
  const notify = useToast();
  const fetcher = useFetcher<IntentResult & { shareUrl?: string; shareCount?: number }>();
  const handled = useRef<unknown>(null);
  useErrorToast(fetcher);

  useEffect(() => {
    const data = fetcher.data;
    if (fetcher.state !== "idle" || !data?.ok || data.intent !== "share" || handled.current === data) return;
    handled.current = data;
    const url = new URL(String(data.shareUrl ?? window.location.pathname), window.location.origin).toString();
    const copy = () =>
      navigator.clipboard
        ?.writeText(url)
        .then(() => notify(t("feed.share.copied")))
        .catch(() => notify(t("feed.share.link", { url }))) ?? notify(t("feed.share.link", { url }));
    if (typeof navigator.share === "function") {
      navigator.share({ url, title: document.title }).catch((error: unknown) => {
        // Cancelling the share sheet is the reader's choice, not a failure.
        if ((error as { name?: string })?.name !== "AbortError") void copy();
      });
    } else {
      void copy();
    }
  }, [fetcher.state, fetcher.data, notify, t]);

  const shown = fetcher.data?.ok && typeof fetcher.data.shareCount === "number" ? Math.max(fetcher.data.shareCount, count) : count;
  return (
    <fetcher.Form method="post" className="action-form">
      <input type="hidden" name="intent" value="share" />
      <input type="hidden" name="channel" value="link" />
      <button type="submit" className="action-button" aria-label={t("feed.share")} data-testid="share">
        <ShareIcon size={22} />
        <span className="action-count">{format.count(shown)}</span>
      </button>
    </fetcher.Form>
  );
}

/**
 * The note page's action bar: a comment prompt and like / favourite / share with their counts. Like
 * and favourite update at once (optimistic) and roll back if the server says no.
 */
export function NoteActions({
  liked,
  likeCount,
  favorited,
  favoriteCount,
  commentCount,
  shareCount,
}: {
  liked: boolean;
  likeCount: number;
  favorited: boolean;
  favoriteCount: number;
  commentCount: number;
  shareCount: number;
}) {
  const t = useT();
  const format = useFormat();
  const user = useOptionalUser();
  const heart = (active: boolean) => <HeartIcon size={22} filled={active} />;
  const star = (active: boolean) => <StarIcon size={22} filled={active} />;
  return (
    <div className="note-actionbar" role="group" aria-label={t("feed.actions.label")}>
      <a href="#comment-input" className="actionbar-prompt">
        {t("feed.comments.placeholder")}
      </a>
      {user ? (
        <>
          <ToggleButton on="like" off="unlike" active={liked} count={likeCount} label={t("feed.like")} icon={heart} testId="like" />
          <ToggleButton
            on="favorite"
            off="unfavorite"
            active={favorited}
            count={favoriteCount}
            label={t("feed.favorite")}
            icon={star}
            testId="favorite"
          />
        </>
      ) : (
        <>
          <LoginToAct label={t("feed.like")} icon={heart(false)} count={likeCount} testId="like" />
          <LoginToAct label={t("feed.favorite")} icon={star(false)} count={favoriteCount} testId="favorite" />
        </>
      )}
      <a href="#comments" className="action-button" aria-label={t("feed.comments.jump")}>
        <CommentIcon size={22} />
        <span className="action-count">{format.count(commentCount)}</span>
      </a>
      <ShareButton count={shareCount} />
    </div>
  );
}
