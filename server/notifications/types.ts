/**
 * The shapes the inbox is shown in: by the /messages page, the API and the realtime push. Types only,
 * so the browser's realtime client can import them without pulling server code into its bundle.
 */
import type { NotificationType } from "../../db/schema/notifications";
import type { UserSummary } from "../content/views";

export type { NotificationType };

/** What a notification is about: the note (or comment, or member) a tap on the row opens. */
export interface NotificationSubject {
  type: "post" | "comment" | "user" | "system" | "badge" | "challenge" | "reward";
  id: string | null;
  /** The note's title, when the recipient may still see the note. */
  title?: string;
  /** The comment text (comments, replies, mentions in comments) or the moderation reason. */
  excerpt?: string;
  coverThumbUrl?: string;
}

export interface NotificationView {
  id: string;
  type: NotificationType;
  /** The latest actors first (at most 3); actorCount counts them all. Empty for system notices. */
  actors: UserSummary[];
  actorCount: number;
  subject: NotificationSubject;
  /** Per type: postId, commentId, parentId, excerpt; moderation: action, reason, actionId, targetType. */
  data: Record<string, unknown>;
  read: boolean;
  createdAt: string;
  /** When the latest actor joined the row; the inbox is ordered by it. */
  updatedAt: string;
}

/** A page of the inbox, newest activity first. */
export interface NotificationPage {
  items: NotificationView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  unreadCount: number;
}
