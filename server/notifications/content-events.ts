import { z } from "zod";

/**
 * The content events this context turns into notifications, with the payloads the content context
 * promises (see its emitEvent calls). Parsed on receipt: a payload that drifts from the contract fails
 * the delivery loudly (it retries, then shows up as a dead letter on /ops/outbox) instead of writing
 * a half-filled notification. Extra fields are allowed so the producer can grow its payloads.
 */
const id = z.uuid();

export const postLikedPayload = z.looseObject({ postId: id, userId: id, authorId: id });
export const postFavoritedPayload = z.looseObject({ postId: id, userId: id, authorId: id });

export const commentCreatedPayload = z.looseObject({
  commentId: id,
  postId: id,
  userId: id,
  postAuthorId: id,
  parentId: id.nullable().default(null),
  parentAuthorId: id.nullable().default(null),
  replyToUserId: id.nullable().default(null),
  mentionedUserIds: z.array(id).default([]),
  excerpt: z.string().default(""),
});
export type CommentCreatedPayload = z.infer<typeof commentCreatedPayload>;

export const userFollowedPayload = z.looseObject({ followerId: id, followeeId: id });

export const postPublishedPayload = z.looseObject({
  postId: id,
  authorId: id,
  title: z.string().default(""),
  mentionedUserIds: z.array(id).default([]),
});

export const moderationDecidedPayload = z.looseObject({
  actionId: id,
  targetType: z.enum(["post", "comment"]),
  targetId: id,
  authorId: id,
  action: z.string(),
  reason: z.string().default(""),
});

export const CONTENT_EVENTS = {
  postLiked: "content.post.liked",
  postFavorited: "content.post.favorited",
  commentCreated: "content.comment.created",
  userFollowed: "content.user.followed",
  postPublished: "content.post.published",
  moderationDecided: "content.moderation.decided",
} as const;

/** Parses an event payload, naming the event in the error that lands in the delivery's last_error. */
export function parsePayload<S extends z.ZodType>(schema: S, event: { id: number; type: string; payload: unknown }): z.output<S> {
  const result = schema.safeParse(event.payload);
  if (result.success) return result.data;
  throw new Error(`event ${event.id} (${event.type}) has an unexpected payload: ${result.error.message}`);
}
