import { z } from "zod";
import { postCardSchema, userSummarySchema } from "../schemas";

export const FEED_TABS = ["recommended", "following", "featured", "hot", "latest"] as const;
export type FeedTab = (typeof FEED_TABS)[number];

const text = () =>
  z.string({
    error: (issue) => (issue.input === undefined ? "validation.required" : undefined),
  });

const limitSchema = z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(50).optional();
const cursorSchema = text().max(1000, "validation.invalid").optional();

/** getFeed's input, the same for the API query string and web loaders. */
export const feedInputSchema = z.strictObject({
  tab: z.enum(FEED_TABS, { error: "validation.invalid" }).default("recommended"),
  /** A category page: the tab's order within one vertical. */
  categorySlug: text().trim().min(1).max(40).optional(),
  /** A topic page (#话题), by name without the marker. */
  topic: text().trim().min(1).max(20).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type FeedInput = z.input<typeof feedInputSchema>;

export const pageInputSchema = z.strictObject({ cursor: cursorSchema, limit: limitSchema });
export type PageInput = z.input<typeof pageInputSchema>;

export const feedPageSchema = z.object({ items: z.array(postCardSchema), nextCursor: z.string().nullable() });

export const profileSchema = z.object({
  user: userSummarySchema.extend({ bio: z.string(), createdAt: z.iso.datetime() }),
  stats: z.object({
    followers: z.number().int(),
    following: z.number().int(),
    posts: z.number().int(),
    likesAndFavoritesReceived: z.number().int(),
  }),
  followedByMe: z.boolean(),
  isMe: z.boolean(),
});
