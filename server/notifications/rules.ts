/**
 * Pure rules of the inbox: who hears about what, and which notifications fold into one row.
 * No I/O, so they are easy to reason about and to test.
 */
import type { NotificationType } from "../../db/schema/notifications";
import type { CommentCreatedPayload } from "./content-events";

/** Names shown on an aggregated row ("小红、小明 和其他 11 人"); the count covers the rest. */
export const MAX_ACTORS_SHOWN = 3;

/**
 * Alike notifications share a group key and aggregate while unread; once read, the next one starts
 * a new row. A key unique to its event (a mention, a moderation decision) never aggregates.
 */
export const groupKeys = {
  like: (postId: string) => `like:post:${postId}`,
  favorite: (postId: string) => `favorite:post:${postId}`,
  comment: (postId: string) => `comment:post:${postId}`,
  /** Replies under one top-level comment fold together, per recipient. */
  reply: (parentCommentId: string) => `reply:comment:${parentCommentId}`,
  follow: () => "follow",
  mentionInPost: (postId: string) => `mention:post:${postId}`,
  mentionInComment: (commentId: string) => `mention:comment:${commentId}`,
  /** Per decision and outcome: an appeal's "uphold" names the decision it upheld, and is news of its own. */
  moderation: (actionId: string, action: string) => `moderation:${actionId}:${action}`,
} as const;

export interface Recipient {
  userId: string;
  type: Extract<NotificationType, "comment" | "reply" | "mention">;
}

/**
 * Who a new comment notifies, and as what. Everyone hears about it at most once, the actor never:
 * the most personal reason wins — a reply to you, then an @mention of you, then a comment on your
 * note. So the parent comment's author who is also @mentioned gets one `reply`, and the note's author
 * @mentioned in a comment gets one `mention`. The note's author hears of replies under their note
 * too (as `comment`), since it is activity on their note.
 */
export function commentRecipients(payload: CommentCreatedPayload): Recipient[] {
  const chosen = new Map<string, Recipient["type"]>();
  const offer = (userId: string | null, type: Recipient["type"]) => {
    if (!userId || userId === payload.userId || chosen.has(userId)) return;
    chosen.set(userId, type);
  };
  if (payload.parentId) {
    offer(payload.replyToUserId, "reply");
    offer(payload.parentAuthorId, "reply");
  }
  for (const mentioned of payload.mentionedUserIds) offer(mentioned, "mention");
  offer(payload.postAuthorId, "comment");
  return [...chosen].map(([userId, type]) => ({ userId, type }));
}

/** Mentions in a note: each mentioned member once, never the author. */
export function postMentionRecipients(payload: { authorId: string; mentionedUserIds: readonly string[] }): string[] {
  return [...new Set(payload.mentionedUserIds)].filter((id) => id !== payload.authorId);
}

/**
 * Moderation decisions an author hears about. A dismissed report changed nothing of theirs, so it
 * stays silent; everything else (held for review, hidden, removed, restored, approved, and an appeal
 * upheld) is theirs to know.
 */
export function isNotifiedModerationAction(action: string): boolean {
  return ["hold", "hide", "remove", "restore", "approve", "uphold"].includes(action);
}

/** Decisions the author may appeal (once), so the notification links to the appeal. */
export function isAppealableModerationAction(action: string): boolean {
  return action === "hide" || action === "remove";
}
