/**
 * The content context's public surface: notes, categories, views shared by feeds and pages, and
 * moderation. Engagement (likes, comments, follows) and feeds live in their own folders and are
 * re-exported here, so other contexts import only this file.
 */
export { parseBody, findKeyword, MAX_TOPICS, MAX_TOPIC_LENGTH } from "./parse-body";
export type { BodyToken, ParsedBody } from "./parse-body";
export { isVisibleTo, loadPostCards, loadPostDetail, userSummaries, mediaViewOf } from "./views";
export type { UserSummary, MediaView, PostCard, PostDetail, PostModeration, Viewer } from "./views";
export { getPost } from "./get-post";
export { createPost } from "./create-post";
export { updatePost } from "./update-post";
export { publishPost } from "./publish-post";
export { deletePost } from "./delete-post";
export { listCategories } from "./list-categories";
export type { CategoryView } from "./list-categories";
export { createCategory } from "./create-category";
export { updateCategory } from "./update-category";
export { ensureDefaultCategories, DEFAULT_CATEGORIES } from "./ensure-default-categories";
export { reportContent } from "./report-content";
export { listModerationQueue } from "./list-moderation-queue";
export type { QueueItem, QueuePage } from "./list-moderation-queue";
export { moderate } from "./moderate";
export type { ModerationResult } from "./moderate";
export { appealDecision } from "./appeal-decision";
export { listAppeals } from "./list-appeals";
export type { AppealView } from "./list-appeals";
export { decideAppeal } from "./decide-appeal";
export { listKeywords } from "./list-keywords";
export { addKeyword } from "./add-keyword";
export { removeKeyword } from "./remove-keyword";
export type { KeywordView } from "./list-keywords";
export { featurePost, unfeaturePost } from "./feature-post";
export { CONTENT_EVENTS } from "./events";
export type {
  PostPublishedPayload,
  PostRefPayload,
  PostModeratedPayload,
  PostFeaturedPayload,
  ModerationDecidedPayload,
} from "./events";
export { POSTS_PER_HOUR, POSTS_PER_HOUR_NEW_ACCOUNT, isNewAccount } from "./rate-limits";
export * from "./schemas";
export * from "./engagement";
export * from "./feeds";
