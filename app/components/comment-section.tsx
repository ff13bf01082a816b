import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useFormat, useT } from "~/i18n";
import type { CommentView, IntentResult } from "~/utils/feed.server";
import { useOptionalUser } from "~/utils/user";
import { TrashIcon } from "./feed-icons";
import { useToast } from "./feed-toast";
import { BodyText } from "./note-body";
import { ReportMenu } from "./report-menu";
import { UserAvatar } from "./user-avatar";

export interface CommentPage {
  items: CommentView[];
  nextCursor: string | null;
}

const COMMENT_MAX = 500;

/** Keeps the first of each id, so a comment fetched twice (posted, then revalidated) shows once. */
function unique(comments: CommentView[]): CommentView[] {
  const seen = new Set<string>();
  return comments.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}

function RelativeTime({ iso }: { iso: string }) {
  const format = useFormat();
  // "3分钟前" may tick over between the server render and hydration; the browser's reading wins.
  return (
    <time dateTime={iso} title={format.dateTime(iso)} suppressHydrationWarning>
      {format.relative(iso)}
    </time>
  );
}
export { RelativeTime };

/**
 * The comment (or reply) form. Posts `intent=comment` to the note page; with JavaScript it clears
 * itself and reports through a toast, and hands the new comment to `onPosted`.
 */
function CommentForm({
  parentId,
  replyTo,
  onPosted,
  autoFocus = false,
  inputId,
}: {
  parentId?: string;
  replyTo?: string;
  onPosted?: (comment: CommentView) => void;
  autoFocus?: boolean;
  inputId?: string;
}) {
  const t = useT();
  const notify = useToast();
  const fetcher = useFetcher<IntentResult & { comment?: CommentView }>();
  const form = useRef<HTMLFormElement>(null);
  const generated = useId();
  const id = inputId ?? `${generated}-comment`;
  const errorId = `${id}-error`;
  const handled = useRef<unknown>(null);
  const [length, setLength] = useState(0);

  useEffect(() => {
    const data = fetcher.data;
    if (fetcher.state !== "idle" || !data || data.intent !== "comment" || handled.current === data) return;
    handled.current = data;
    if (data.ok) {
      form.current?.reset();
      setLength(0);
      notify(parentId ? t("feed.comments.replied") : t("feed.comments.posted"));
      if (data.comment) onPosted?.(data.comment);
    }
  }, [fetcher.state, fetcher.data, notify, t, parentId, onPosted]);

  const error = fetcher.state === "idle" && fetcher.data && !fetcher.data.ok && fetcher.data.intent === "comment" ? fetcher.data.error : null;
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" className="comment-form" ref={form}>
      <input type="hidden" name="intent" value="comment" />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <label htmlFor={id} className="visually-hidden">
        {replyTo ? t("feed.comments.replyLabel", { name: replyTo }) : t("feed.comments.label")}
      </label>
      <textarea
        id={id}
        name="body"
        className="textarea comment-input"
        rows={parentId ? 2 : 2}
        maxLength={COMMENT_MAX}
        required
        placeholder={replyTo ? t("feed.comments.replyTo", { name: replyTo }) : t("feed.comments.placeholder")}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setLength(Array.from(e.currentTarget.value).length)}
      />
      <div className="comment-form-foot">
        <span className="counter" aria-hidden="true">
          {t("feed.counter", { count: length, max: COMMENT_MAX })}
        </span>
        <button type="submit" className="btn btn-primary btn-small" aria-disabled={busy || undefined}>
          {busy ? t("form.submitting") : parentId ? t("feed.comments.replySubmit") : t("feed.comments.submit")}
        </button>
      </div>
      {error ? (
        <p id={errorId} className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

function DeleteCommentButton({ commentId }: { commentId: string }) {
  const t = useT();
  const fetcher = useFetcher<IntentResult>();
  const notify = useToast();
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.intent === "deleteComment") {
      notify(fetcher.data.ok ? t("feed.comments.deleted") : fetcher.data.error, fetcher.data.ok ? "success" : "error");
    }
  }, [fetcher.state, fetcher.data, notify, t]);
  return (
    <fetcher.Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="deleteComment" />
      <input type="hidden" name="commentId" value={commentId} />
      <button type="submit" className="text-button" aria-label={t("feed.comments.delete")}>
        <TrashIcon size={16} />
      </button>
    </fetcher.Form>
  );
}

function CommentBody({ comment, postAuthorId, onReply }: { comment: CommentView; postAuthorId: string; onReply?: () => void }) {
  const t = useT();
  const user = useOptionalUser();
  const gone = comment.status !== "visible";
  return (
    <>
      <Link to={`/u/${comment.author.handle}`} className="comment-avatar" tabIndex={-1} aria-hidden="true">
        <UserAvatar user={comment.author} size={comment.parentId ? 26 : 34} />
      </Link>
      <div className="comment-main">
        <div className="comment-head">
          <Link to={`/u/${comment.author.handle}`} className="comment-author">
            {comment.author.displayName}
          </Link>
          {comment.author.id === postAuthorId ? <span className="author-tag">{t("feed.comments.authorTag")}</span> : null}
        </div>
        {gone ? (
          <p className="comment-text muted">{t("feed.comments.unavailable")}</p>
        ) : (
          <div className="comment-text">
            {comment.replyTo ? (
              <span className="reply-to">
                {t("feed.comments.replyPrefix")}{" "}
                <Link to={`/u/${comment.replyTo.handle}`} className="body-link">
                  @{comment.replyTo.displayName}
                </Link>
                {"："}
              </span>
            ) : null}
            <BodyText tokens={comment.bodyTokens} className="comment-body" />
          </div>
        )}
        <div className="comment-meta">
          <RelativeTime iso={comment.createdAt} />
          {user && onReply && !gone ? (
            <button type="button" className="text-button" onClick={onReply}>
              {t("feed.comments.reply")}
            </button>
          ) : null}
          {user && !gone && user.id !== comment.author.id ? <ReportMenu targetType="comment" targetId={comment.id} compact /> : null}
          {comment.canDelete && !gone ? <DeleteCommentButton commentId={comment.id} /> : null}
        </div>
      </div>
    </>
  );
}

/** A top-level comment with its replies, a reply form and "展开 N 条回复". */
function CommentThread({ comment, postId, postAuthorId }: { comment: CommentView; postId: string; postAuthorId: string }) {
  const t = useT();
  const user = useOptionalUser();
  const [replyingTo, setReplyingTo] = useState<CommentView | null>(null);
  const [posted, setPosted] = useState<CommentView[]>([]);
  const [loaded, setLoaded] = useState<CommentView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const fetcher = useFetcher<{ page: CommentPage }>();
  const applied = useRef<unknown>(null);

  useEffect(() => {
    const data = fetcher.data;
    if (!data?.page || applied.current === data) return;
    applied.current = data;
    setLoaded((prev) => unique([...(prev ?? []), ...data.page.items]));
    setCursor(data.page.nextCursor);
  }, [fetcher.data]);

  const replies = useMemo(
    () => unique([...(loaded ?? comment.replies ?? []), ...posted]),
    [loaded, comment.replies, posted],
  );
  // Until the full list is loaded, the count says how many are still folded away.
  const hidden = loaded ? (cursor ? Math.max(0, comment.replyCount - replies.length) : 0) : Math.max(0, comment.replyCount - (comment.replies?.length ?? 0));

  const loadReplies = () => {
    const params = new URLSearchParams({ parent: comment.id });
    if (loaded && cursor) params.set("cursor", cursor);
    fetcher.load(`/n/${postId}/comments?${params}`);
  };

  return (
    <li className="comment" id={`comment-${comment.id}`} data-testid="comment">
      <CommentBody comment={comment} postAuthorId={postAuthorId} onReply={() => setReplyingTo(comment)} />
      <div className="comment-thread">
        {replies.length > 0 ? (
          <ul className="reply-list">
            {replies.map((reply) => (
              <li key={reply.id} className="comment reply" id={`comment-${reply.id}`} data-testid="reply">
                <CommentBody comment={reply} postAuthorId={postAuthorId} onReply={() => setReplyingTo(reply)} />
              </li>
            ))}
          </ul>
        ) : null}
        {hidden > 0 ? (
          <button type="button" className="text-button show-replies" onClick={loadReplies} aria-busy={fetcher.state !== "idle" || undefined}>
            {fetcher.state !== "idle" ? t("feed.loading") : t("feed.comments.showReplies", { count: hidden })}
          </button>
        ) : null}
        {user && replyingTo ? (
          <div className="reply-box">
            <CommentForm
              key={replyingTo.id}
              parentId={replyingTo.id}
              replyTo={replyingTo.author.displayName}
              autoFocus
              onPosted={(c) => {
                setPosted((prev) => [...prev, c]);
                setReplyingTo(null);
              }}
            />
            <button type="button" className="text-button" onClick={() => setReplyingTo(null)}>
              {t("feed.cancel")}
            </button>
          </div>
        ) : null}
      </div>
    </li>
  );
}

/** The comments of a note: the form (or a log-in prompt), threads, and "more comments". */
export function CommentSection({
  postId,
  postAuthorId,
  page,
  commentCount,
}: {
  postId: string;
  postAuthorId: string;
  page: CommentPage;
  commentCount: number;
}) {
  const t = useT();
  const user = useOptionalUser();
  const location = useLocation();
  const fetcher = useFetcher<{ page: CommentPage }>();
  const [more, setMore] = useState<CommentView[]>([]);
  const [cursor, setCursor] = useState(page.nextCursor);
  const [posted, setPosted] = useState<CommentView[]>([]);
  const applied = useRef<unknown>(null);

  useEffect(() => setCursor(page.nextCursor), [page.nextCursor]);
  useEffect(() => {
    const data = fetcher.data;
    if (!data?.page || applied.current === data) return;
    applied.current = data;
    setMore((prev) => [...prev, ...data.page.items]);
    setCursor(data.page.nextCursor);
  }, [fetcher.data]);

  // A comment just posted shows at the top even before the revalidated first page includes it.
  const comments = unique([...posted.filter((p) => !page.items.some((c) => c.id === p.id)), ...page.items, ...more]);
  return (
    <section id="comments" className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title" className="comments-title">
        {t("feed.comments.title", { count: commentCount })}
      </h2>
      {user ? (
        <CommentForm inputId="comment-input" onPosted={(c) => setPosted((prev) => [c, ...prev])} />
      ) : (
        <Link
          id="comment-input"
          to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`}
          className="comment-login"
        >
          {t("feed.comments.login")}
        </Link>
      )}
      {comments.length === 0 ? (
        <p className="comments-empty muted">{t("feed.comments.empty")}</p>
      ) : (
        <ul className="comment-list">
          {comments.map((c) => (
            <CommentThread key={c.id} comment={c} postId={postId} postAuthorId={postAuthorId} />
          ))}
        </ul>
      )}
      {cursor ? (
        <button
          type="button"
          className="btn btn-secondary btn-block"
          onClick={() => fetcher.load(`/n/${postId}/comments?${new URLSearchParams({ cursor })}`)}
          aria-busy={fetcher.state !== "idle" || undefined}
        >
          {fetcher.state !== "idle" ? t("feed.loading") : t("feed.comments.more")}
        </button>
      ) : null}
    </section>
  );
}
