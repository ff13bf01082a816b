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
export * from "./engagement";
export * from "./feeds";
