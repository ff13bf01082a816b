import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { lockedPostIds } from "../creators/fan-groups/views";
import type { Queryable } from "../../db/client";
import {
  categories,
  moderationActions,
  postMedia,
  postMentions,
  posts,
  topics,
  postTopics,
  uploads,
  users,
  type Post,
  type PostStatus,
  type Upload,
} from "../../db/schema";
import type { AppContext } from "../context";
import { can, type PermissionSubject } from "../identity";
import { rolesOf, parseRoles } from "../identity/current-user";
import { avatarUrlOf, uploadViewOf } from "../media";
import { postProductCards, type ProductCard } from "../commerce/products";
import { parseBody, type BodyToken } from "./parse-body";

export type { BodyToken } from "./parse-body";

/** A member as every card, comment and notification shows them. */
export type UserSummary = { id: string; handle: string; displayName: string; avatarUrl: string | null };

export type MediaView = {
  uploadId: string;
  kind: "image" | "video";
  url: string;
  thumbUrl: string;
  width: number | null;
  height: number | null;
};

/** One note in a feed grid: what a two-column card needs and nothing more. */
export type PostCard = {
  id: string;
  title: string;
  cover: MediaView | null;
  mediaKind: "images" | "video";
  author: UserSummary;
  likeCount: number;
  liked: boolean;
  publishedAt: string | null;
  status: PostStatus;
  /** A fan-only note the viewer isn't a fan for: the card shows a lock instead of its cover. */
  fanOnlyLocked?: boolean;
  /** The brand of a brand campaign the note is entered in: the card shows 合作. */
  disclosure?: string | null;
};

/** Shown to the author (and staff) when a note is held, hidden or removed. */
export type PostModeration = {
  status: PostStatus;
  reason: string | null;
  /** The decision an appeal would be against; null for a note no decision touched. */
  actionId: string | null;
  canAppeal: boolean;
};

export type PostDetail = Omit<PostCard, "author"> & {
  body: string;
  bodyTokens: BodyToken[];
  media: MediaView[];
  category: { slug: string; nameZh: string; nameEn: string } | null;
  topics: string[];
  favoriteCount: number;
  commentCount: number;
  shareCount: number;
  favorited: boolean;
  /** Linked product cards (up to 5, the author's order). */
  products: ProductCard[];
  createdAt: string;
  updatedAt: string;
  author: UserSummary & { followedByMe: boolean };
  moderation: PostModeration | null;
  canEdit: boolean;
};

/** Who is looking: null for a visitor. Roles decide whether staff see non-public notes. */
export type Viewer = PermissionSubject | null;

/**
 * Whether `viewer` may see a note in this state: published → everyone; draft, held, hidden, removed →
 * its author and staff; deleted → staff only.
 */
export function isVisibleTo(post: { status: PostStatus; authorId: string }, viewer: Viewer | undefined): boolean {
  if (post.status === "published") return true;
  if (!viewer) return false;
  if (can(viewer, "moderate:post:any")) return true;
  return post.status !== "deleted" && post.authorId === viewer.id;
}

export function mediaViewOf(upload: Upload): MediaView {
  const view = uploadViewOf(upload);
  return {
    uploadId: upload.id,
    kind: upload.kind === "video" ? "video" : "image",
    // Images show their medium rendition in the carousel; the upload's url is the full-size one.
    url: upload.kind === "video" ? view.url : (view.mediumUrl ?? view.url),
    thumbUrl: view.thumbUrl ?? view.mediumUrl ?? view.url,
    width: upload.width,
    height: upload.height,
  };
}

const summaryColumns = {
  id: users.id,
  handle: users.handle,
  displayName: users.displayName,
  avatarKey: users.avatarKey,
};

function summaryOf(row: { id: string; handle: string; displayName: string; avatarKey: string | null }): UserSummary {
  return { id: row.id, handle: row.handle, displayName: row.displayName, avatarUrl: avatarUrlOf(row.avatarKey) };
}

/** Summaries of these users in the order given; unknown ids are dropped. */
export async function userSummaries(ctx: Pick<AppContext, "db">, userIds: readonly string[]): Promise<UserSummary[]> {
  if (userIds.length === 0) return [];
  const rows = await ctx.db
    .select(summaryColumns)
    .from(users)
    .where(inArray(users.id, [...new Set(userIds)]));
  const byId = new Map(rows.map((r) => [r.id, summaryOf(r)]));
  return userIds.flatMap((id) => byId.get(id) ?? []);
}

async function rolesOfViewer(db: Queryable, viewerId: string): Promise<PermissionSubject> {
  const [row] = await db.select({ roles: rolesOf(users.id) }).from(users).where(eq(users.id, viewerId));
  return { id: viewerId, roles: parseRoles(row?.roles) as PermissionSubject["roles"] };
}

/** The card's columns over `posts` (joined to its author and cover), with the viewer's like. */
function cardColumns(viewerId: string | null) {
  const liked = viewerId
    ? sql<boolean>`exists (select 1 from likes l where l.post_id = "posts"."id" and l.user_id = ${viewerId})`
    : sql<boolean>`false`;
  return {
    id: posts.id,
    title: posts.title,
    status: posts.status,
    authorId: posts.authorId,
    mediaKind: posts.mediaKind,
    likeCount: posts.likeCount,
    publishedAt: posts.publishedAt,
    authorStatus: users.status,
    author: summaryColumns,
    cover: uploads,
    liked,
    // The creator programme's marks, read in the same statement (two more round trips cost a page more
    // than these per-row index probes): fan-only notes lock for non-fans, brand campaign notes say 合作.
    fanOnly: sql<boolean>`exists (select 1 from fan_only_posts fo where fo.post_id = "posts"."id")`,
    brand: sql<string | null>`(select c.brand_name from campaign_submissions cs join campaigns c on c.id = cs.campaign_id
      where cs.post_id = "posts"."id" and c.brand_name is not null and cs.status <> 'rejected' limit 1)`,
  };
}

function cardQuery(ctx: Pick<AppContext, "db">, viewerId: string | null) {
  return ctx.db
    .select(cardColumns(viewerId))
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .leftJoin(uploads, eq(uploads.id, posts.coverUploadId));
}
type CardRow = Awaited<ReturnType<typeof cardQuery>>[number];

/** Staff see every state; roles are looked up only when a page holds a note that isn't public. */
async function viewerOf(ctx: Pick<AppContext, "db">, rows: CardRow[], viewerId: string | null): Promise<PermissionSubject | null> {
  if (viewerId && rows.some((r) => r.status !== "published" && r.authorId !== viewerId)) return rolesOfViewer(ctx.db, viewerId);
  return viewerId ? { id: viewerId, roles: [] } : null;
}

function cardOf(r: CardRow): PostCard {
  return {
    id: r.id,
    title: r.title,
    cover: r.cover ? mediaViewOf(r.cover) : null,
    mediaKind: r.mediaKind,
    author: summaryOf(r.author),
    likeCount: r.likeCount,
    liked: Boolean(r.liked),
    publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
    status: r.status,
  };
}

/**
 * Cards for these notes in the order given, as `viewerId` may see them: notes they may not see (and
 * unknown ids) are dropped, so a hidden note never leaks through a feed. One query for the page.
 */
export async function loadPostCards(
  ctx: Pick<AppContext, "db">,
  postIds: readonly string[],
  viewerId: string | null,
  options: { activeAuthorsOnly?: boolean } = {},
): Promise<PostCard[]> {
  if (postIds.length === 0) return [];
  const rows = await cardQuery(ctx, viewerId).where(inArray(posts.id, [...new Set(postIds)]));
  const cards = await cardsOf(ctx, rows, viewerId, options);
  return postIds.flatMap((id) => cards.get(id) ?? []);
}

/**
 * The notes a keyset scan picks, newest first, each with its cursor `key` and — when `viewerId` may
 * see it — its card: the scan and the card lookup in one round trip, for a page deep in a feed.
 * `scan` selects `p.id` over `posts p`; `key` is an expression over `"posts"`.
 */
export async function loadNewestPostCards(
  ctx: Pick<AppContext, "db">,
  scan: SQL,
  key: SQL<string>,
  viewerId: string | null,
  options: { activeAuthorsOnly?: boolean } = {},
): Promise<{ id: string; key: string; card: PostCard | undefined }[]> {
  const rows = await ctx.db
    .select({ ...cardColumns(viewerId), key })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .leftJoin(uploads, eq(uploads.id, posts.coverUploadId))
    .where(sql`"posts"."id" in (${scan})`)
    .orderBy(desc(posts.publishedAt), desc(posts.id));
  const cards = await cardsOf(ctx, rows, viewerId, options);
  return rows.map((r) => ({ id: r.id, key: r.key, card: cards.get(r.id) }));
}

/** The cards `viewerId` may see among these rows, by id, with the creator programme's marks applied. */
async function cardsOf(
  ctx: Pick<AppContext, "db">,
  rows: CardRow[],
  viewerId: string | null,
  options: { activeAuthorsOnly?: boolean },
): Promise<Map<string, PostCard>> {
  const viewer = await viewerOf(ctx, rows, viewerId);
  const visible = rows.filter(
    // A feed that skipped the author check in its scan (see recommended's phase 2) applies it here.
    (r) => isVisibleTo(r, viewer) && !(options.activeAuthorsOnly && r.authorStatus !== "active"),
  );
  // Creator programme marks: fan-only notes lock for non-fans (no cover), brand campaign notes say 合作.
  // Only a page holding a fan-only note asks whether the viewer is a fan.
  const fanOnlyIds = visible.filter((r) => r.fanOnly).map((r) => r.id);
  const locked = fanOnlyIds.length > 0 ? await lockedPostIds(ctx.db, fanOnlyIds, viewerId) : new Set<string>();
  return new Map(
    visible.map((r) => {
      const card = cardOf(r);
      if (!locked.has(r.id) && !r.brand) return [r.id, card] as const;
      return [r.id, { ...card, ...(locked.has(r.id) ? { fanOnlyLocked: true, cover: null } : {}), ...(r.brand ? { disclosure: r.brand } : {})}] as const;
    }),
  );
}

const MODERATED: readonly PostStatus[] = ["held", "hidden", "removed"];

/**
 * Everything the note page shows of one note, for a viewer already allowed to see it (callers check
 * isVisibleTo first; getPost does). A handful of small indexed queries, run together.
 */
export async function loadPostDetail(
  ctx: Pick<AppContext, "db">,
  post: Post,
  viewer: Viewer,
): Promise<PostDetail> {
  const db = ctx.db;
  const viewerId = viewer?.id ?? null;
  const flag = (query: ReturnType<typeof sql>) => (viewerId ? sql<boolean>`exists (${query})` : sql<boolean>`false`);
  const [authorRows, mediaRows, categoryRows, topicRows, mentionRows, decision, productCards] = await Promise.all([
    // The author and the viewer's relation to the note in one row.
    db
      .select({
        ...summaryColumns,
        liked: flag(sql`select 1 from likes where post_id = ${post.id} and user_id = ${viewerId}`),
        favorited: flag(sql`select 1 from favorites where post_id = ${post.id} and user_id = ${viewerId}`),
        following: flag(sql`select 1 from follows where follower_id = ${viewerId} and followee_id = ${post.authorId}`),
      })
      .from(users)
      .where(eq(users.id, post.authorId)),
    db
      .select({ upload: uploads })
      .from(postMedia)
      .innerJoin(uploads, eq(uploads.id, postMedia.uploadId))
      .where(eq(postMedia.postId, post.id))
      .orderBy(postMedia.position),
    post.categoryId
      ? db
          .select({ slug: categories.slug, nameZh: categories.nameZh, nameEn: categories.nameEn })
          .from(categories)
          .where(eq(categories.id, post.categoryId))
      : Promise.resolve([]),
    db
      .select({ name: topics.name })
      .from(postTopics)
      .innerJoin(topics, eq(topics.id, postTopics.topicId))
      .where(eq(postTopics.postId, post.id)),
    db
      .select({ id: users.id, handle: users.handle })
      .from(postMentions)
      .innerJoin(users, eq(users.id, postMentions.userId))
      .where(eq(postMentions.postId, post.id)),
    MODERATED.includes(post.status) ? latestDecision(db, post.id) : Promise.resolve(null),
    postProductCards(db, post.id),
  ]);

  const author = authorRows[0]!;
  const f = author;
  const handles = new Map(mentionRows.map((m) => [m.handle.toLowerCase(), m.id]));
  const bodyTokens = parseBody(post.body).tokens.map((token) =>
    token.type === "mention" ? { ...token, userId: handles.get(token.handle.toLowerCase()) ?? null } : token,
  );
  const media = mediaRows.map((m) => mediaViewOf(m.upload));
  const cover = media[0] ?? null;
  const isAuthor = viewerId === post.authorId;

  return {
    id: post.id,
    title: post.title,
    cover,
    mediaKind: post.mediaKind,
    likeCount: post.likeCount,
    liked: Boolean(f.liked),
    publishedAt: post.publishedAt ? post.publishedAt.toISOString() : null,
    status: post.status,
    body: post.body,
    bodyTokens,
    media,
    category: categoryRows[0] ?? null,
    topics: topicRows.map((t) => t.name),
    favoriteCount: post.favoriteCount,
    commentCount: post.commentCount,
    shareCount: post.shareCount,
    favorited: Boolean(f.favorited),
    products: productCards,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
    author: { ...summaryOf(author), followedByMe: Boolean(f.following) },
    moderation: MODERATED.includes(post.status)
      ? {
          status: post.status,
          reason: post.moderationReason,
          actionId: decision?.id ?? null,
          // Only staff decisions can be appealed (a keyword hold is waiting for review, not decided),
          // and only once.
          canAppeal: isAuthor && decision !== null && decision.actorId !== null && !decision.appealed,
        }
      : null,
    canEdit: isAuthor && post.status !== "deleted" && post.status !== "hidden" && post.status !== "removed",
  };
}

/** The decision that put a note in its current moderated state, and whether it was appealed. */
async function latestDecision(db: Queryable, postId: string) {
  const [row] = await db
    .select({
      id: moderationActions.id,
      actorId: moderationActions.actorId,
      // Spelled out: inside a subquery an unqualified "id" would be the appeal's own.
      appealed: sql<boolean>`exists (select 1 from appeals a where a.action_id = "moderation_actions"."id")`,
    })
    .from(moderationActions)
    .where(
      and(
        eq(moderationActions.targetType, "post"),
        eq(moderationActions.targetId, postId),
        inArray(moderationActions.action, ["hold", "hide", "remove"]),
      ),
    )
    .orderBy(desc(moderationActions.createdAt), desc(moderationActions.id))
    .limit(1);
  return row ? { ...row, appealed: Boolean(row.appealed) } : null;
}
