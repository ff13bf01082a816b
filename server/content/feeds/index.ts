/**
 * Feeds and profiles: the tabs (following, recommended, featured, hot, latest, category and topic
 * pages), the scores behind them, reader interests, and profile pages. Re-exported by
 * server/content/index.ts.
 */
export { getFeed, DEFAULT_FEED_LIMIT } from "./get-feed";
export type { FeedPage } from "./get-feed";
export { getProfile } from "./get-profile";
export type { Profile } from "./get-profile";
export { listUserPosts } from "./list-user-posts";
export { listFavorites } from "./list-favorites";
export { recomputePostScores, postScoresSchedule } from "./recompute-scores";
export { learnInterests, raiseInterest } from "./learn-interests";
export { FEED_TABS, feedInputSchema, pageInputSchema, feedPageSchema, profileSchema } from "./schemas";
export type { FeedTab, FeedInput, PageInput } from "./schemas";
export { hotScore, qualityScore, recommendedScore, freshness } from "./rules";
