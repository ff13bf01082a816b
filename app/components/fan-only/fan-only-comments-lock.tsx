import { Link } from "@remix-run/react";
import { useT } from "~/i18n";

/**
 * In place of a fan-only note's comments and comment form, for readers outside the fan group: the
 * comments answer the text they can't read, so they are the fans' too. Points to the fan page to join.
 */
export function FanOnlyCommentsLock({ handle, name }: { handle: string; name: string }) {
  const t = useT();
  return (
    // Takes the comments' anchors: the action bar's comment count (#comments) and its "说点什么…" prompt
    // (#comment-input) lead here, to the way in, rather than nowhere.
    <section id="comments" className="cp-locked" aria-labelledby="fan-only-comments" data-testid="fan-only-comments-lock">
      <span aria-hidden="true">🔒</span>
      <h2 id="fan-only-comments" className="section-title">
        {t("fans.locked.comments")}
      </h2>
      <p className="small">{t("fans.locked.commentsHint", { name })}</p>
      <Link id="comment-input" to={`/u/${handle}/fans`} className="btn btn-primary btn-small">
        {t("fans.join")}
      </Link>
    </section>
  );
}
