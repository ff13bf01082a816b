import { z } from "zod";
import { defineOperation } from "../../http/api/define-operation";
import { idSchema } from "../schemas";
import { createComment } from "./create-comment";
import { deleteComment } from "./delete-comment";
import { favoritePost, unfavoritePost } from "./favorite-post";
import { followUser, unfollowUser } from "./follow-user";
import { likePost, unlikePost } from "./like-post";
import { listComments, listReplies } from "./list-comments";
import { commentBodySchema, commentViewSchema, pageQuerySchema, shareSchema } from "./schemas";
import { sharePost } from "./share-post";

const tags = ["engagement"];
const postParams = z.object({ postId: idSchema });
const commentParams = z.object({ commentId: idSchema });
const userParams = z.object({ userId: idSchema });
const likeResult = z.object({ liked: z.boolean(), likeCount: z.number().int() });
const favoriteResult = z.object({ favorited: z.boolean(), favoriteCount: z.number().int() });
const followResult = z.object({ following: z.boolean(), followerCount: z.number().int() });
const commentPage = z.object({ items: z.array(commentViewSchema), nextCursor: z.string().nullable() });

/** Likes, favourites, shares, comments and follows. Every write is idempotent where it can be. */
export const engagementOperations = [
  defineOperation({
    operationId: "likePost",
    method: "post",
    path: "/posts/:postId/like",
    summary: "Like a note",
    description: "Idempotent: liking again changes nothing and returns the current count. 404 unless the note is published.",
    tags,
    auth: "react:post:any",
    params: postParams,
    response: likeResult,
    handler: ({ ctx, user, params }) => likePost(ctx, user, params.postId),
  }),
  defineOperation({
    operationId: "unlikePost",
    method: "delete",
    path: "/posts/:postId/like",
    summary: "Take back a like",
    tags,
    auth: "react:post:any",
    params: postParams,
    response: likeResult,
    handler: ({ ctx, user, params }) => unlikePost(ctx, user, params.postId),
  }),
  defineOperation({
    operationId: "favoritePost",
    method: "post",
    path: "/posts/:postId/favorite",
    summary: "Favourite (收藏) a note",
    description: "Idempotent. The note appears in the member's private favourites.",
    tags,
    auth: "react:post:any",
    params: postParams,
    response: favoriteResult,
    handler: ({ ctx, user, params }) => favoritePost(ctx, user, params.postId),
  }),
  defineOperation({
    operationId: "unfavoritePost",
    method: "delete",
    path: "/posts/:postId/favorite",
    summary: "Remove a favourite",
    tags,
    auth: "react:post:any",
    params: postParams,
    response: favoriteResult,
    handler: ({ ctx, user, params }) => unfavoritePost(ctx, user, params.postId),
  }),
  defineOperation({
    operationId: "sharePost",
    method: "post",
    path: "/posts/:postId/shares",
    summary: "Record a share and get the share URL",
    description: "Visitors may share too. The URL carries the share's id, for later visit attribution.",
    tags,
    auth: "public",
    params: postParams,
    body: shareSchema,
    response: z.object({ shareUrl: z.string(), shareCount: z.number().int(), shareId: z.uuid() }),
    successStatus: 201,
    errorStatuses: [429],
    handler: ({ ctx, user, params, body, meta }) => sharePost(ctx, user, params.postId, body, { ip: meta.ip }),
  }),
  defineOperation({
    operationId: "createComment",
    method: "post",
    path: "/posts/:postId/comments",
    summary: "Comment on a note, or reply within a thread",
    description:
      "Plain text, 1–500 characters, @mentions resolved. `parentId` makes a reply; answering a reply attaches to its " +
      "top-level comment and records whom it answers. 30 comments per 10 minutes (10 for accounts under a day old). " +
      "403 on a fan-only note the caller is not in the fan group for.",
    tags,
    auth: "create:comment:own",
    params: postParams,
    body: z.strictObject({ body: commentBodySchema, parentId: idSchema.optional() }),
    response: z.object({ comment: commentViewSchema }),
    successStatus: 201,
    errorStatuses: [403, 429],
    handler: async ({ ctx, user, params, body }) => ({
      comment: await createComment(ctx, user, { postId: params.postId, ...body }),
    }),
  }),
  defineOperation({
    operationId: "listComments",
    method: "get",
    path: "/posts/:postId/comments",
    summary: "A note's comments, newest first, each with its first replies",
    description: "403 for a fan-only note the caller is not in the fan group for (its author, fans and staff read its comments).",
    tags,
    auth: "public",
    params: postParams,
    query: pageQuerySchema,
    response: commentPage,
    errorStatuses: [403],
    handler: ({ ctx, user, params, query }) => listComments(ctx, params.postId, user, query),
  }),
  defineOperation({
    operationId: "listReplies",
    method: "get",
    path: "/comments/:commentId/replies",
    summary: "More replies of a top-level comment, oldest first",
    description: "403 under a fan-only note the caller is not in the fan group for.",
    tags,
    auth: "public",
    params: commentParams,
    query: pageQuerySchema,
    response: commentPage,
    errorStatuses: [403],
    handler: ({ ctx, user, params, query }) => listReplies(ctx, params.commentId, user, query),
  }),
  defineOperation({
    operationId: "deleteComment",
    method: "delete",
    path: "/comments/:commentId",
    summary: "Delete a comment (its author or staff)",
    description: "Deleting a top-level comment deletes its replies too.",
    tags,
    auth: "delete:comment:own",
    params: commentParams,
    response: null,
    handler: async ({ ctx, user, params }) => {
      await deleteComment(ctx, user, params.commentId);
    },
  }),
  defineOperation({
    operationId: "followUser",
    method: "post",
    path: "/users/:userId/follow",
    summary: "Follow a member",
    description: "Idempotent. Following yourself is 422.",
    tags,
    auth: "follow:user:any",
    params: userParams,
    response: followResult,
    handler: ({ ctx, user, params }) => followUser(ctx, user, params.userId),
  }),
  defineOperation({
    operationId: "unfollowUser",
    method: "delete",
    path: "/users/:userId/follow",
    summary: "Stop following a member",
    tags,
    auth: "follow:user:any",
    params: userParams,
    response: followResult,
    handler: ({ ctx, user, params }) => unfollowUser(ctx, user, params.userId),
  }),
];
