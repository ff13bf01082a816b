import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useEffect } from "react";
import { useT } from "~/i18n";
import type { IntentResult } from "~/utils/feed.server";
import { useOptionalUser } from "~/utils/user";
import { useToast } from "./feed-toast";

/**
 * Follow / unfollow a member. It posts `intent=follow|unfollow` to the page it sits on (note page,
 * profile), flips at once while the request runs, and falls back to the server's answer on error.
 * Visitors get a link to log in that brings them back.
 */
export function FollowButton({ userId, following, name }: { userId: string; following: boolean; name: string }) {
  const t = useT();
  const user = useOptionalUser();
  const location = useLocation();
  const fetcher = useFetcher<IntentResult>();
  const notify = useToast();
  const pending = fetcher.formData?.get("intent");
  const isFollowing = pending === "follow" ? true : pending === "unfollow" ? false : following;

  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data && !fetcher.data.ok) notify(fetcher.data.error, "error");
  }, [fetcher.state, fetcher.data, notify]);

  if (user?.id === userId) return null;
  if (!user) {
    return (
      <Link
        to={`/login?${new URLSearchParams({ redirectTo: location.pathname + location.search })}`}
        className="btn btn-primary btn-small follow-button"
        aria-label={t("feed.follow.labelled", { name })}
      >
        {t("feed.follow")}
      </Link>
    );
  }
  return (
    <fetcher.Form method="post" className="follow-form">
      <input type="hidden" name="intent" value={isFollowing ? "unfollow" : "follow"} />
      <input type="hidden" name="userId" value={userId} />
      <button
        type="submit"
        className={`btn btn-small follow-button ${isFollowing ? "btn-secondary" : "btn-primary"}`}
        aria-label={isFollowing ? t("feed.unfollow.labelled", { name }) : t("feed.follow.labelled", { name })}
        data-testid="follow-button"
      >
        {isFollowing ? t("feed.following") : t("feed.follow")}
      </button>
    </fetcher.Form>
  );
}
