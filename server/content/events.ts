/**
 * Domain events the notes and moderation side of the content context writes to the outbox, in the
 * same transaction as the change. Consumers: notifications, points, search, stats.
 */
export const CONTENT_EVENTS = {
  postPublished: "content.post.published",
  postUpdated: "content.post.updated",
  postHidden: "content.post.hidden",
  postRemoved: "content.post.removed",
  postRestored: "content.post.restored",
  postDeleted: "content.post.deleted",
  postFeatured: "content.post.featured",
  moderationDecided: "content.moderation.decided",
} as const;

/** On the first publish, and when a held note is approved. */
export interface PostPublishedPayload extends Record<string, unknown> {
  postId: string;
  authorId: string;
  categoryId: string | null;
  title: string;
  mentionedUserIds: string[];
  topicNames: string[];
}

export interface PostRefPayload extends Record<string, unknown> {
  postId: string;
  authorId: string;
}

/** content.post.hidden / removed / restored. */
export interface PostModeratedPayload extends PostRefPayload {
  actionId: string;
  reason: string;
}

export interface PostFeaturedPayload extends PostRefPayload {
  staffId: string;
}

/**
 * A staff decision the author is told about. `action` is hide, remove, restore or approve; an
 * appeal's outcome arrives as "uphold" (the decision stands) or "restore" (overturned).
 */
export interface ModerationDecidedPayload extends Record<string, unknown> {
  actionId: string;
  targetType: "post" | "comment";
  targetId: string;
  authorId: string;
  action: string;
  reason: string;
}
