import { Form, Link } from "@remix-run/react";
import { useFormat, useLocale, useT, type TFunction } from "~/i18n";
import type { NotificationView } from "../../server/notifications/types";
import { UserAvatar } from "./user-avatar";
import { BellIcon } from "./icons";

/** A notification as the page holds it: the API view after JSON (dates as strings already). */
export type NotificationRow = NotificationView;

const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** Where tapping a row goes: the note (at its comments for comment activity), or the follower's profile. */
export function notificationHref(n: NotificationRow): string {
  const postId = str(n.data.postId) ?? (n.subject.type === "post" ? n.subject.id : null);
  switch (n.type) {
    case "follow":
      return n.actors[0] ? `/u/${encodeURIComponent(n.actors[0].handle)}` : "/messages";
    case "comment":
    case "reply":
      return postId ? `/n/${postId}#comments` : "/messages";
    case "mention":
      return postId ? `/n/${postId}${str(n.data.commentId) ? "#comments" : ""}` : "/messages";
    case "moderation":
      return postId ? `/n/${postId}${n.subject.type === "comment" ? "#comments" : ""}` : "/messages";
    case "badge":
      if (n.data.certificate === true && str(n.data.certificateCode)) return `/certificates/${encodeURIComponent(String(n.data.certificateCode))}`;
      return str(n.data.slug) ? `/badges/${encodeURIComponent(String(n.data.slug))}` : "/badges";
    case "challenge":
      return n.subject.id ? `/challenges/${n.subject.id}` : "/challenges";
    case "reward":
      return "/me/redemptions";
    case "level":
      return "/levels";
    case "points":
      return "/me/points";
    case "checkin":
      return "/checkin";
    default:
      return postId ? `/n/${postId}` : "/messages";
  }
}

/** "小红 和其他 12 人" / "Xiaohong and 12 others": the first names, then a count of the rest. */
export function actorNames(t: TFunction, n: Pick<NotificationRow, "actors" | "actorCount">): string {
  const [a, b] = n.actors;
  if (!a) return t("notifications.actors.platform");
  if (n.actorCount <= 1) return t("notifications.actors.one", { a: a.displayName });
  if (n.actorCount === 2 && b) return t("notifications.actors.two", { a: a.displayName, b: b.displayName });
  return t("notifications.actors.many", { a: a.displayName, others: n.actorCount - 1 });
}

/** What happened, after the names ("赞了你的笔记"); moderation rows read as one sentence of their own. */
export function notificationVerb(t: TFunction, n: NotificationRow): string {
  switch (n.type) {
    case "like":
      return t("notifications.verb.like");
    case "favorite":
      return t("notifications.verb.favorite");
    case "comment":
      return t("notifications.verb.comment");
    case "reply":
      return t("notifications.verb.reply");
    case "follow":
      return t("notifications.verb.follow");
    case "mention":
      return str(n.data.commentId) ? t("notifications.verb.mentionComment") : t("notifications.verb.mentionPost");
    default:
      return t("notifications.verb.system");
  }
}

function moderationSentence(t: TFunction, n: NotificationRow): string {
  const target = n.subject.type === "comment" ? t("notifications.target.comment") : t("notifications.target.post");
  const action = str(n.data.action);
  switch (action) {
    case "hold":
    case "hide":
    case "remove":
    case "restore":
    case "approve":
    case "uphold":
      return t(`notifications.moderation.${action}`, { target });
    default:
      return t("notifications.moderation.other", { target });
  }
}

/** Types the platform sends about the reader's own progress: one sentence, no actors. */
const PROGRESS_TYPES = new Set<NotificationRow["type"]>(["badge", "challenge", "reward", "level", "points", "checkin"]);

/** "你获得了徽章「人气新星」", "升级到 V3 种草能手" …: the reader's progress as one sentence. */
function progressSentence(t: TFunction, n: NotificationRow, locale: string): string {
  const localized = (zh: unknown, en: unknown) => str(locale === "en" ? en : zh) ?? str(zh) ?? str(en) ?? "";
  switch (n.type) {
    case "badge":
      return t("notifications.progress.badge", { name: localized(n.data.nameZh, n.data.nameEn) });
    case "level":
      return t("notifications.progress.level", { level: String(n.data.to ?? ""), name: localized(n.data.nameZh, n.data.nameEn) });
    case "challenge":
      return n.data.kind === "completed" ? t("notifications.progress.challengeCompleted") : t("notifications.progress.challengeReminder");
    case "reward":
      return t("notifications.progress.reward");
    case "points":
      return t("notifications.progress.points");
    default:
      return t("notifications.progress.checkin");
  }
}

/** The whole row as one sentence, for screen readers and the document title of a push. */
export function notificationSentence(t: TFunction, n: NotificationRow, locale = "zh-CN"): string {
  if (n.type === "moderation") return moderationSentence(t, n);
  if (PROGRESS_TYPES.has(n.type)) return progressSentence(t, n, locale);
  return `${actorNames(t, n)}${t("notifications.actors.separator")}${notificationVerb(t, n)}`;
}

function Avatars({ n }: { n: NotificationRow }) {
  if (n.actors.length === 0) {
    return (
      <span className="nt-avatars nt-avatars-system" aria-hidden="true">
        <BellIcon size={22} />
      </span>
    );
  }
  const shown = n.actors.slice(0, n.actorCount > 1 ? 2 : 1);
  return (
    <span className={`nt-avatars${shown.length > 1 ? " nt-avatars-stack" : ""}`} aria-hidden="true">
      {shown.map((actor) => (
        <UserAvatar key={actor.id} user={actor} size={shown.length > 1 ? 32 : 44} className="nt-avatar" />
      ))}
    </span>
  );
}

/**
 * One inbox row: avatars, "小红 和其他 12 人赞了你的笔记", the comment or reason, a relative time, the
 * note's cover, and a dot while unread. Opening an unread row is a form post that marks it read and
 * then goes to the note, so it works before JavaScript loads; read rows are plain links.
 */
export function NotificationItem({ n, now }: { n: NotificationRow; now: Date }) {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const href = notificationHref(n);
  const isModeration = n.type === "moderation";
  const isProgress = PROGRESS_TYPES.has(n.type);
  const reason = isModeration ? str(n.data.reason) : null;
  const excerpt = n.subject.excerpt;
  const body = (
    <>
      <Avatars n={n} />
      <span className="nt-body">
        <span className="nt-text">
          {isModeration ? (
            <strong>{moderationSentence(t, n)}</strong>
          ) : isProgress ? (
            <strong>{progressSentence(t, n, locale)}</strong>
          ) : (
            <>
              <strong>{actorNames(t, n)}</strong>
              {t("notifications.actors.separator")}
              {notificationVerb(t, n)}
            </>
          )}
        </span>
        {excerpt ? <span className="nt-excerpt">{excerpt}</span> : null}
        {reason ? <span className="nt-excerpt">{t("notifications.moderation.reason", { reason })}</span> : null}
        <span className="nt-meta">
          <time dateTime={n.updatedAt} title={format.dateTime(n.updatedAt)}>
            {format.relative(n.updatedAt, now)}
          </time>
        </span>
      </span>
      {n.subject.coverThumbUrl ? (
        <img className="nt-thumb" src={n.subject.coverThumbUrl} alt="" width={48} height={64} loading="lazy" decoding="async" />
      ) : n.subject.title ? (
        <span className="nt-thumb nt-thumb-text" aria-hidden="true">
          {n.subject.title}
        </span>
      ) : null}
      {n.read ? null : (
        <span className="nt-dot">
          <span className="visually-hidden">{t("notifications.unread")}</span>
        </span>
      )}
    </>
  );

  return (
    <li className={`nt-item${n.read ? "" : " nt-unread"}`} data-testid="notification" data-notification-id={n.id}>
      {n.read ? (
        <Link to={href} className="nt-row">
          {body}
        </Link>
      ) : (
        <Form method="post" className="nt-form">
          <input type="hidden" name="intent" value="open" />
          <input type="hidden" name="id" value={n.id} />
          <input type="hidden" name="to" value={href} />
          <button type="submit" className="nt-row">
            {body}
          </button>
        </Form>
      )}
      {isModeration && n.data.appealable === true && str(n.data.actionId) ? (
        <Link
          className="nt-appeal link"
          to={`/appeals/new?${new URLSearchParams({ actionId: String(n.data.actionId) })}`}
        >
          {t("notifications.moderation.appeal")}
        </Link>
      ) : null}
    </li>
  );
}
