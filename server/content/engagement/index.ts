/**
 * Engagement: likes, favourites, shares, follows and comments, each change with its counters and its
 * event in one transaction. Re-exported by server/content/index.ts.
 */
export { likePost, unlikePost } from "./like-post";
export { favoritePost, unfavoritePost } from "./favorite-post";
export { sharePost } from "./share-post";
export { followUser, unfollowUser } from "./follow-user";
export { createComment } from "./create-comment";
export { deleteComment } from "./delete-comment";
export { listComments, listReplies, INLINE_REPLIES } from "./list-comments";
export type { CommentView } from "./comment-views";
export { ENGAGEMENT_EVENTS } from "./events";
export type { PostReactionPayload, PostSharedPayload, CommentCreatedPayload, UserFollowPayload } from "./events";
export {
  COMMENT_MAX,
  SHARE_CHANNELS,
  createCommentSchema,
  commentBodySchema,
  shareSchema,
  pageQuerySchema,
  commentViewSchema,
} from "./schemas";
export type { CreateCommentInput, ShareInput, PageQuery } from "./schemas";
export { COMMENTS_PER_USER, COMMENTS_PER_NEW_USER } from "./rate-limits";
