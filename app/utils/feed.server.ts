/**
 * The content context (notes, engagement, feeds, profiles) and media as the feed pages use them.
 * Routes import server code only through `.server` modules, so none of it reaches the browser.
 */
import { json, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { categorySlugSchema, mediaIdsSchema, postBodySchema, postTitleSchema, productIdsSchema } from "../../server/content";
import { isAppError } from "../../server/shared/errors";
import { localizeAppError } from "../../server/shared/messages";
import { HOME_TABS, type HomeTab, type ListSort } from "~/components/feed-nav";
import type { Locale } from "~/i18n/messages";

export {
  createComment,
  createPost,
  deleteComment,
  deletePost,
  favoritePost,
  followUser,
  getFeed,
  getPost,
  getProfile,
  likePost,
  listCategories,
  listComments,
  listFavorites,
  listReplies,
  listUserPosts,
  publishPost,
  reportContent,
  sharePost,
  unfavoritePost,
  unfollowUser,
  unlikePost,
  updatePost,
} from "../../server/content";
export type { BodyToken, CommentView, FeedPage, MediaView, PostCard, PostDetail, UserSummary } from "../../server/content";

export { HOME_TABS, LIST_SORTS, type HomeTab, type ListSort } from "~/components/feed-nav";

/** `?tab=` of the home page; anything unknown falls back to the recommended feed. */
export function homeTabOf(url: URL): HomeTab {
  const tab = url.searchParams.get("tab");
  return (HOME_TABS as readonly string[]).includes(tab ?? "") ? (tab as HomeTab) : "recommended";
}

/** Category and topic pages sort by newest or hottest. */
export function listSortOf(url: URL): ListSort {
  return url.searchParams.get("sort") === "hot" ? "hot" : "latest";
}

/**
 * An opaque cursor from the query string. Cursors come from our own pages, but anyone can type a
 * URL: a malformed one is treated as "start from the top" rather than an error page.
 */
export function cursorOf(url: URL): string | undefined {
  const cursor = url.searchParams.get("cursor");
  return cursor && cursor.length <= 512 ? cursor : undefined;
}

/** Page size of every feed grid: two columns of ten. */
export const FEED_PAGE_SIZE = 20;

/** A feed that fails for a reader-supplied reason (bad cursor, unknown category) starts over or 404s. */
export async function safeFeedPage<T>(load: (cursor: string | undefined) => Promise<T>, cursor: string | undefined): Promise<T> {
  try {
    return await load(cursor);
  } catch (error) {
    if (cursor && isAppError(error) && error.code === "VALIDATION_FAILED") return load(undefined).catch(rethrowAsResponse);
    return rethrowAsResponse(error);
  }
}

/**
 * Turns a domain error a reader can cause (NOT_FOUND, FORBIDDEN, a malformed cursor) into the
 * status the error boundary shows, instead of a 500.
 */
export function rethrowAsResponse(error: unknown): never {
  if (isAppError(error) && error.status < 500) throw json({ code: error.code }, { status: error.status });
  throw error;
}

/** What an engagement action (like, follow, comment, report …) answers a fetcher or a plain form post. */
export type IntentResult =
  | { ok: true; intent: string; [key: string]: unknown }
  | { ok: false; intent: string; error: string; fields?: Record<string, string[]> };

/**
 * Runs one engagement intent and maps its AppError (rate limit, validation, not allowed) to a
 * translated message with the right status; the optimistic UI rolls back when it sees `ok: false`.
 */
export async function runIntent(
  intent: string,
  locale: Locale,
  run: () => Promise<Record<string, unknown>>,
): Promise<ReturnType<typeof json<IntentResult>>> {
  try {
    const result = await run();
    return json<IntentResult>({ ok: true, intent, ...result });
  } catch (error) {
    if (!isAppError(error) || error.status >= 500) throw error;
    const localized = localizeAppError(error, locale);
    return json<IntentResult>(
      { ok: false, intent, error: firstMessage(localized.fields) ?? localized.message, fields: localized.fields },
      { status: error.status },
    );
  }
}

/** The one message to show for a reader-caused AppError (its first field message, else its message). */
export function userErrorMessage(error: unknown, locale: Locale): string {
  if (!isAppError(error) || error.status >= 500) throw error;
  const localized = localizeAppError(error, locale);
  return firstMessage(localized.fields) ?? localized.message;
}

function firstMessage(fields: Record<string, string[]> | undefined): string | undefined {
  if (!fields) return undefined;
  for (const messages of Object.values(fields)) if (messages[0]) return messages[0];
  return undefined;
}

const uuid = z.string().uuid();

/** The engagement form posts a note page accepts; anything else is a 400. */
export const noteIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("like") }),
  z.object({ intent: z.literal("unlike") }),
  z.object({ intent: z.literal("favorite") }),
  z.object({ intent: z.literal("unfavorite") }),
  z.object({ intent: z.literal("share") }),
  z.object({ intent: z.literal("follow"), userId: uuid }),
  z.object({ intent: z.literal("unfollow"), userId: uuid }),
  z.object({ intent: z.literal("comment"), body: z.string().default(""), parentId: uuid.optional() }),
  z.object({ intent: z.literal("deleteComment"), commentId: uuid }),
  z.object({
    intent: z.literal("report"),
    targetType: z.enum(["post", "comment"]),
    targetId: uuid,
    reason: z.string(),
    detail: z.string().max(500).default(""),
  }),
  z.object({ intent: z.literal("delete") }),
  z.object({ intent: z.literal("publish") }),
]);
export type NoteIntent = z.infer<typeof noteIntentSchema>;

/** The profile page's form posts. */
export const profileIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("follow"), userId: uuid }),
  z.object({ intent: z.literal("unfollow"), userId: uuid }),
]);

/** Reads a form into a plain object (empty strings dropped) and parses it, or answers 400. */
export function parseIntent<S extends z.ZodType>(formData: FormData, schema: S): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && value !== "") raw[key] = value;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw json({ ok: false, intent: raw.intent ?? "", error: "bad request" }, { status: 400 });
  return parsed.data;
}

export type LoadContext = AppLoadContext;

/**
 * The note form (publish and edit) as posted: the content schemas field by field, so messages match
 * the API's. The picker posts each ready upload as its own `mediaIds` entry; one entry arrives as a
 * string, none as nothing. Which button was pressed (`intent`) decides draft or publish.
 */
export const noteFormSchema = z.object({
  title: postTitleSchema,
  body: postBodySchema.optional().transform((b) => b ?? ""),
  categorySlug: categorySlugSchema.optional(),
  mediaIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), mediaIdsSchema),
  // The product picker always posts an empty marker, so "none ticked" (unlink all) differs from "no picker" (leave as is).
  productIds: z.preprocess((v) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).filter((x) => x !== "")), productIdsSchema.optional()),
});
export type NoteFormInput = z.input<typeof noteFormSchema>;
export { TITLE_MAX, BODY_MAX, MAX_TOPIC_LENGTH } from "../../server/content";
