/**
 * Events the engagement half of the content context emits, written with `emitEvent` in the same
 * transaction as the row they describe. Payloads carry what consumers (notifications, points,
 * interests) need at that moment, so none of them has to look the past up.
 */
export const ENGAGEMENT_EVENTS = {
  postLiked: "content.post.liked",
  postUnliked: "content.post.unliked",
  postFavorited: "content.post.favorited",
  postUnfavorited: "content.post.unfavorited",
  postShared: "content.post.shared",
  commentCreated: "content.comment.created",
  userFollowed: "content.user.followed",
  userUnfollowed: "content.user.unfollowed",
} as const;

/** liked / unliked / favorited / unfavorited. */
export type PostReactionPayload = { postId: string; userId: string; authorId: string; categoryId: string | null };

export type PostSharedPayload = { postId: string; userId: string | null; shareId: string; channel: string };

export type CommentCreatedPayload = {
  commentId: string;
  postId: string;
  userId: string;
  postAuthorId: string;
  /** The top-level comment a reply hangs under; null for a top-level comment. */
  parentId: string | null;
  parentAuthorId: string | null;
  /** Whom a reply to a reply answers. */
  replyToUserId: string | null;
  mentionedUserIds: string[];
  excerpt: string;
};

export type UserFollowPayload = { followerId: string; followeeId: string };
