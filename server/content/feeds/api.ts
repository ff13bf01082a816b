import { z } from "zod";
import { defineOperation } from "../../http/api/define-operation";
import { idSchema } from "../schemas";
import { getFeed } from "./get-feed";
import { getProfile } from "./get-profile";
import { listFavorites } from "./list-favorites";
import { listUserPosts } from "./list-user-posts";
import { FEED_TABS, feedPageSchema, pageInputSchema, profileSchema } from "./schemas";

const tags = ["feeds"];
const text = () => z.string({ error: (issue) => (issue.input === undefined ? "validation.required" : undefined) });

/** Feeds, profiles and favourites. Reads only; every list is cursor-paginated. */
export const feedsOperations = [
  defineOperation({
    operationId: "getFeed",
    method: "get",
    path: "/feed",
    summary: "One page of a feed tab, optionally narrowed to a category or topic",
    description:
      "Tabs: recommended (default; personalised when signed in), following (empty for visitors), featured, hot, " +
      "latest. Pass `nextCursor` back as `cursor` for the next page; a cursor from another tab is 422.",
    tags,
    auth: "public",
    query: z.strictObject({
      tab: z.enum(FEED_TABS, { error: "validation.invalid" }).optional(),
      category: text().trim().min(1).max(40).optional(),
      topic: text().trim().min(1).max(20).optional(),
      cursor: pageInputSchema.shape.cursor,
      limit: pageInputSchema.shape.limit,
    }),
    response: feedPageSchema,
    handler: ({ ctx, user, query }) =>
      getFeed(ctx, { tab: query.tab, categorySlug: query.category, topic: query.topic, cursor: query.cursor, limit: query.limit }, user),
  }),
  defineOperation({
    operationId: "getProfile",
    method: "get",
    path: "/profiles/:handle",
    summary: "A member's profile header: who they are and their counters",
    tags,
    auth: "public",
    params: z.object({ handle: text().min(1).max(40) }),
    response: profileSchema,
    handler: ({ ctx, user, params }) => getProfile(ctx, params.handle, user),
  }),
  defineOperation({
    operationId: "listUserPosts",
    method: "get",
    path: "/users/:userId/posts",
    summary: "A member's notes, newest first (the owner also sees drafts and held notes)",
    tags,
    auth: "public",
    params: z.object({ userId: idSchema }),
    query: pageInputSchema,
    response: feedPageSchema,
    handler: ({ ctx, user, params, query }) => listUserPosts(ctx, params.userId, user, query),
  }),
  defineOperation({
    operationId: "listFavorites",
    method: "get",
    path: "/users/:userId/favorites",
    summary: "A member's favourites; only the member may see them",
    tags,
    auth: "user",
    params: z.object({ userId: idSchema }),
    query: pageInputSchema,
    response: feedPageSchema,
    handler: ({ ctx, user, params, query }) => listFavorites(ctx, params.userId, user, query),
  }),
];
