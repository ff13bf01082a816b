import { and, eq, sql } from "drizzle-orm";
import { favorites, likes, posts } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { requirePermission } from "../../identity";
import { emitEvent } from "../../jobs/emit-event";
import { requireEngageablePost } from "./engageable-post";
import { ENGAGEMENT_EVENTS, type PostReactionPayload } from "./events";
import { addToUserStat } from "./user-stats";

const KINDS = {
  like: {
    table: likes,
    counter: posts.likeCount,
    counterKey: "likeCount",
    authorStat: "likesReceived",
    on: ENGAGEMENT_EVENTS.postLiked,
    off: ENGAGEMENT_EVENTS.postUnliked,
  },
  favorite: {
    table: favorites,
    counter: posts.favoriteCount,
    counterKey: "favoriteCount",
    authorStat: "favoritesReceived",
    on: ENGAGEMENT_EVENTS.postFavorited,
    off: ENGAGEMENT_EVENTS.postUnfavorited,
  },
} as const;

export type ReactionKind = keyof typeof KINDS;

/**
 * Adds (`on`) or takes back a like or favourite, in one transaction:
 * `INSERT … ON CONFLICT DO NOTHING RETURNING` (or `DELETE … RETURNING`) decides whether anything
 * changed, and only then do the note's counter, the author's user_stats and the outbox event follow.
 * The row's primary key is the arbiter, so 50 parallel likes by one member insert one row and bump
 * the counter once, and 200 members liking at once bump it 200 times (row-locked `n = n + 1`).
 * Repeating a request is harmless and answers with the current count.
 */
export async function setReaction(
  ctx: Pick<AppContext, "db" | "clock">,
  user: CurrentUser,
  postId: string,
  kind: ReactionKind,
  on: boolean,
): Promise<{ active: boolean; count: number }> {
  requirePermission(user, "react:post:any");
  const k = KINDS[kind];
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const post = await requireEngageablePost(tx, postId);
    const changed = on
      ? await tx.insert(k.table).values({ userId: user.id, postId, createdAt: now }).onConflictDoNothing().returning({ userId: k.table.userId })
      : await tx
          .delete(k.table)
          .where(and(eq(k.table.userId, user.id), eq(k.table.postId, postId)))
          .returning({ userId: k.table.userId });

    if (changed.length === 0) {
      const [row] = await tx.select({ count: k.counter }).from(posts).where(eq(posts.id, postId));
      return { active: on, count: row?.count ?? 0 };
    }

    const delta = on ? 1 : -1;
    const [row] = await tx
      .update(posts)
      // greatest(): a counter never goes below zero even if rows were removed behind its back.
      .set({ [k.counterKey]: sql`greatest(${k.counter} + ${delta}, 0)` })
      .where(eq(posts.id, postId))
      .returning({ count: k.counter });
    await addToUserStat(tx, post.authorId, k.authorStat, delta);
    const payload: PostReactionPayload = { postId, userId: user.id, authorId: post.authorId, categoryId: post.categoryId };
    await emitEvent(tx, { type: on ? k.on : k.off, payload, occurredAt: now });
    return { active: on, count: row!.count };
  });
}
