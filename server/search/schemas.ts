import { z } from "zod";
import { SEARCH_SORTS } from "../../search";
import { postCardSchema, userSummarySchema } from "../content/schemas";

export const SEARCH_TYPES = ["notes", "users"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Longest query accepted; longer input is a field error, not a slow search. */
export const QUERY_MAX = 100;
export const SEARCH_PAGE_MAX = 50;

const text = () => z.string({ error: (issue) => (issue.input === undefined ? "validation.required" : undefined) });

/** search's input, the same for the API query string and the /search page. */
export const searchInputSchema = z.strictObject({
  q: text().trim().min(1, "validation.required").max(QUERY_MAX, "validation.invalid"),
  type: z.enum(SEARCH_TYPES, { error: "validation.invalid" }).default("notes"),
  /** A category slug; one that doesn't exist simply matches nothing. */
  category: text().trim().min(1).max(40, "validation.invalid").optional(),
  sort: z.enum(SEARCH_SORTS, { error: "validation.invalid" }).default("relevance"),
  /** The `nextCursor` of the previous page. */
  cursor: text().max(200, "validation.invalid").optional(),
  /** 1-based page number, an alternative to cursors for plain links. */
  page: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(SEARCH_PAGE_MAX).optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(50).default(20),
});
export type SearchInput = z.input<typeof searchInputSchema>;

export const highlightedSchema = z.object({
  text: z.string(),
  /** [start, end) offsets into `text` (UTF-16) that matched the query. */
  ranges: z.array(z.tuple([z.number().int(), z.number().int()])),
  cropped: z.boolean(),
});
export type HighlightedView = z.infer<typeof highlightedSchema>;

export const noteHitSchema = postCardSchema.extend({
  highlight: z.object({ title: highlightedSchema, snippet: highlightedSchema }),
});
export const userHitSchema = z.object({
  user: userSummarySchema,
  bio: z.string(),
  highlight: z.object({ displayName: highlightedSchema, handle: highlightedSchema, bio: highlightedSchema }),
});
export type NoteHit = z.infer<typeof noteHitSchema>;
export type UserHit = z.infer<typeof userHitSchema>;

export const searchCategoryCountSchema = z.object({
  slug: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  count: z.number().int(),
});

export const searchResultSchema = z.object({
  q: z.string(),
  type: z.enum(SEARCH_TYPES),
  /** Matches in all (before paging); for notes, within the chosen category. */
  total: z.number().int(),
  /** Notes: one entry per category with matches, counted without the category filter. */
  categories: z.array(searchCategoryCountSchema),
  notes: z.array(noteHitSchema),
  users: z.array(userHitSchema),
  nextCursor: z.string().nullable(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const suggestInputSchema = z.strictObject({ q: text().trim().max(QUERY_MAX, "validation.invalid") });
export const suggestionsSchema = z.object({
  notes: z.array(z.object({ id: z.uuid(), title: highlightedSchema })),
  users: z.array(z.object({ handle: z.string(), displayName: highlightedSchema, avatarUrl: z.string().nullable() })),
});
export type Suggestions = z.infer<typeof suggestionsSchema>;
