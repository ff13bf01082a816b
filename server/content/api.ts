import { z } from "zod";
import { defineOperation } from "../http/api/define-operation";
import { can } from "../identity";
import { AppError } from "../shared/errors";
import { addKeyword } from "./add-keyword";
import { appealDecision } from "./appeal-decision";
import { createCategory } from "./create-category";
import { createPost } from "./create-post";
import { decideAppeal } from "./decide-appeal";
import { deletePost } from "./delete-post";
import { featurePost, unfeaturePost } from "./feature-post";
import { getPost } from "./get-post";
import { listAppeals } from "./list-appeals";
import { listCategories } from "./list-categories";
import { listKeywords } from "./list-keywords";
import { listModerationQueue } from "./list-moderation-queue";
import { moderate } from "./moderate";
import { publishPost } from "./publish-post";
import { removeKeyword } from "./remove-keyword";
import { reportContent } from "./report-content";
import {
  appealSchema,
  appealViewSchema,
  categoryViewSchema,
  createCategorySchema,
  createPostSchema,
  cursorQuerySchema,
  decideAppealSchema,
  idSchema,
  keywordSchema,
  keywordViewSchema,
  moderateSchema,
  postDetailSchema,
  queueItemSchema,
  reportSchema,
  updateCategorySchema,
  updatePostSchema,
} from "./schemas";
import { updateCategory } from "./update-category";
import { updatePost } from "./update-post";

const tags = ["content"];
const staffTags = ["moderation"];
const postParams = z.object({ postId: idSchema });
const postResponse = z.object({ post: postDetailSchema });
const reportResponse = z.object({ created: z.boolean() });
const page = <S extends z.ZodType>(item: S) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Notes, categories and moderation over /api/v1: the same domain functions the web pages call. */
export const contentOperations = [
  defineOperation({
    operationId: "createPost",
    method: "post",
    path: "/posts",
    summary: "Create a note, published at once or kept as a draft",
    description:
      "Publishing needs a category and 1–9 ready images or one ready video of the caller's own (see createUpload). " +
      "A note matching a staff keyword comes back with status `held` until reviewed. 10 notes an hour, 3 for accounts under a day old.",
    tags,
    auth: "create:post:own",
    body: createPostSchema,
    response: postResponse,
    successStatus: 201,
    errorStatuses: [429],
    handler: async ({ ctx, user, body }) => ({ post: await createPost(ctx, user, body) }),
  }),
  defineOperation({
    operationId: "getPost",
    method: "get",
    path: "/posts/:postId",
    summary: "One note with its media, body tokens, counts and the caller's relation to it",
    description: "Drafts and held, hidden or removed notes are 404 to everyone but their author and staff.",
    tags,
    auth: "public",
    params: postParams,
    response: postResponse,
    handler: async ({ ctx, user, params }) => ({ post: await getPost(ctx, params.postId, user) }),
  }),
  defineOperation({
    operationId: "updatePost",
    method: "patch",
    path: "/posts/:postId",
    summary: "Change the caller's own note",
    description: "Any subset of title, body, categorySlug and mediaIds. An edited published note is checked against the keyword list again.",
    tags,
    auth: "update:post:own",
    params: postParams,
    body: updatePostSchema,
    response: postResponse,
    errorStatuses: [409],
    handler: async ({ ctx, user, params, body }) => ({ post: await updatePost(ctx, user, params.postId, body) }),
  }),
  defineOperation({
    operationId: "deletePost",
    method: "delete",
    path: "/posts/:postId",
    summary: "Delete the caller's own note",
    tags,
    auth: "delete:post:own",
    params: postParams,
    response: null,
    handler: async ({ ctx, user, params }) => {
      await deletePost(ctx, user, params.postId);
    },
  }),
  defineOperation({
    operationId: "publishPost",
    method: "post",
    path: "/posts/:postId/publish",
    summary: "Publish the caller's draft",
    description: "Idempotent for a note already published or held.",
    tags,
    auth: "update:post:own",
    params: postParams,
    response: postResponse,
    handler: async ({ ctx, user, params }) => ({ post: await publishPost(ctx, user, params.postId) }),
  }),
  defineOperation({
    operationId: "listCategories",
    method: "get",
    path: "/categories",
    summary: "Categories in display order",
    description: "`includeInactive=true` also lists retired ones (staff only).",
    tags,
    auth: "public",
    query: z.object({ includeInactive: z.enum(["true", "false"]).optional() }),
    response: z.object({ categories: z.array(categoryViewSchema) }),
    handler: async ({ ctx, user, query }) => {
      const includeInactive = query.includeInactive === "true";
      if (includeInactive && !can(user, "manage:categories:any")) throw new AppError(user ? "FORBIDDEN" : "UNAUTHENTICATED", user ? "forbidden" : "unauthenticated");
      return { categories: await listCategories(ctx, { includeInactive }) };
    },
  }),
  defineOperation({
    operationId: "createCategory",
    method: "post",
    path: "/categories",
    summary: "Add a category",
    tags: staffTags,
    auth: "manage:categories:any",
    body: createCategorySchema,
    response: z.object({ category: categoryViewSchema }),
    successStatus: 201,
    errorStatuses: [409],
    handler: async ({ ctx, user, body }) => ({ category: await createCategory(ctx, user, body) }),
  }),
  defineOperation({
    operationId: "updateCategory",
    method: "patch",
    path: "/categories/:categoryId",
    summary: "Rename, reorder, retire or reactivate a category",
    tags: staffTags,
    auth: "manage:categories:any",
    params: z.object({ categoryId: idSchema }),
    body: updateCategorySchema,
    response: z.object({ category: categoryViewSchema }),
    handler: async ({ ctx, user, params, body }) => ({ category: await updateCategory(ctx, user, params.categoryId, body) }),
  }),
  defineOperation({
    operationId: "reportPost",
    method: "post",
    path: "/posts/:postId/reports",
    summary: "Report a note to the moderators",
    description: "One report per member per note: reporting again succeeds with `created: false`.",
    tags,
    auth: "report:post:any",
    params: postParams,
    body: reportSchema,
    response: reportResponse,
    errorStatuses: [429],
    handler: ({ ctx, user, params, body }) => reportContent(ctx, user, { ...body, targetType: "post", targetId: params.postId }),
  }),
  defineOperation({
    operationId: "reportComment",
    method: "post",
    path: "/comments/:commentId/reports",
    summary: "Report a comment to the moderators",
    description: "One report per member per comment: reporting again succeeds with `created: false`.",
    tags,
    auth: "report:post:any",
    params: z.object({ commentId: idSchema }),
    body: reportSchema,
    response: reportResponse,
    errorStatuses: [429],
    handler: ({ ctx, user, params, body }) => reportContent(ctx, user, { ...body, targetType: "comment", targetId: params.commentId }),
  }),
  defineOperation({
    operationId: "appealDecision",
    method: "post",
    path: "/moderation/appeals",
    summary: "Appeal a decision that hid or removed the caller's note or comment",
    description: "One appeal per decision; a second is 409.",
    tags,
    auth: "user",
    body: appealSchema,
    response: z.object({ appeal: z.object({ id: z.uuid(), status: z.literal("open") }) }),
    successStatus: 201,
    errorStatuses: [409],
    handler: async ({ ctx, user, body }) => ({ appeal: await appealDecision(ctx, user, body) }),
  }),
  defineOperation({
    operationId: "listModerationQueue",
    method: "get",
    path: "/moderation/queue",
    summary: "Reported and held content awaiting review, oldest first",
    tags: staffTags,
    auth: "moderate:post:any",
    query: cursorQuerySchema,
    response: page(queueItemSchema),
    handler: ({ ctx, user, query }) => listModerationQueue(ctx, user, query),
  }),
  defineOperation({
    operationId: "moderateContent",
    method: "post",
    path: "/moderation/decisions",
    summary: "Hide, remove, restore, approve (a held note) or dismiss the reports on a note or comment",
    description: "The reason is shown to the author. An action that doesn't apply to the target's state is 409.",
    tags: staffTags,
    auth: "moderate:post:any",
    body: moderateSchema,
    response: z.object({
      decision: z.object({ actionId: z.uuid(), targetType: z.enum(["post", "comment"]), targetId: z.uuid(), status: z.string() }),
    }),
    errorStatuses: [409],
    handler: async ({ ctx, user, body }) => ({ decision: await moderate(ctx, user, body) }),
  }),
  defineOperation({
    operationId: "listAppeals",
    method: "get",
    path: "/moderation/appeals",
    summary: "Appeals: open ones oldest first, or decided ones newest first",
    tags: staffTags,
    auth: "moderate:post:any",
    query: cursorQuerySchema.extend({ status: z.enum(["open", "decided"]).optional() }),
    response: page(appealViewSchema),
    handler: ({ ctx, user, query }) => listAppeals(ctx, user, query),
  }),
  defineOperation({
    operationId: "decideAppeal",
    method: "post",
    path: "/moderation/appeals/:appealId/decision",
    summary: "Uphold a decision or overturn it (restoring the content)",
    tags: staffTags,
    auth: "moderate:post:any",
    params: z.object({ appealId: idSchema }),
    body: decideAppealSchema.omit({ appealId: true }),
    response: z.object({ appeal: z.object({ id: z.uuid(), status: z.enum(["upheld", "overturned"]) }) }),
    errorStatuses: [409],
    handler: async ({ ctx, user, params, body }) => ({ appeal: await decideAppeal(ctx, user, { ...body, appealId: params.appealId }) }),
  }),
  defineOperation({
    operationId: "listKeywords",
    method: "get",
    path: "/moderation/keywords",
    summary: "Keywords that hold matching notes for review",
    tags: staffTags,
    auth: "moderate:post:any",
    response: z.object({ keywords: z.array(keywordViewSchema) }),
    handler: async ({ ctx, user }) => ({ keywords: await listKeywords(ctx, user) }),
  }),
  defineOperation({
    operationId: "addKeyword",
    method: "post",
    path: "/moderation/keywords",
    summary: "Add a keyword (case-insensitive)",
    tags: staffTags,
    auth: "moderate:post:any",
    body: keywordSchema,
    response: z.object({ keyword: keywordViewSchema }),
    successStatus: 201,
    errorStatuses: [409],
    handler: async ({ ctx, user, body }) => ({ keyword: await addKeyword(ctx, user, body) }),
  }),
  defineOperation({
    operationId: "removeKeyword",
    method: "delete",
    path: "/moderation/keywords/:keywordId",
    summary: "Remove a keyword",
    tags: staffTags,
    auth: "moderate:post:any",
    params: z.object({ keywordId: idSchema }),
    response: null,
    handler: async ({ ctx, user, params }) => {
      await removeKeyword(ctx, user, params.keywordId);
    },
  }),
  defineOperation({
    operationId: "featurePost",
    method: "post",
    path: "/posts/:postId/feature",
    summary: "Pick a published note for the 精选 feed",
    description: "Idempotent: featuring again keeps the first time.",
    tags: staffTags,
    auth: "feature:post:any",
    params: postParams,
    response: z.object({ postId: z.uuid(), featuredAt: z.iso.datetime() }),
    handler: ({ ctx, user, params }) => featurePost(ctx, user, params.postId),
  }),
  defineOperation({
    operationId: "unfeaturePost",
    method: "delete",
    path: "/posts/:postId/feature",
    summary: "Take a note off the 精选 feed",
    tags: staffTags,
    auth: "feature:post:any",
    params: postParams,
    response: null,
    handler: async ({ ctx, user, params }) => {
      await unfeaturePost(ctx, user, params.postId);
    },
  }),
];
