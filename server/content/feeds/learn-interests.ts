import { sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { defineConsumer } from "../../jobs/consumer";
import { ENGAGEMENT_EVENTS, type CommentCreatedPayload, type PostReactionPayload } from "../engagement/events";
import { INTEREST_HALF_LIFE_DAYS, INTEREST_WEIGHTS } from "./rules";
import { rowsOf } from "../../shared/sql-rows";

/**
 * Raises a reader's interest in a category. The stored score decays with a half-life, applied lazily:
 * the old score is halved for every INTEREST_HALF_LIFE_DAYS since it was last raised, then the new
 * weight is added. An event that arrives late (occurredAt before updated_at) is added undecayed.
 */
export async function raiseInterest(
  tx: Transaction,
  input: { userId: string; categoryId: string; weight: number; at: Date },
): Promise<void> {
  await tx.execute(sql`
    insert into user_interests (user_id, category_id, score, updated_at)
    select ${input.userId}, ${input.categoryId}, ${input.weight}::float8, ${input.at.toISOString()}::timestamptz
    -- A category retired and deleted (or a reader gone) since the event: nothing to learn, no FK error.
    where exists (select 1 from categories where id = ${input.categoryId})
      and exists (select 1 from users where id = ${input.userId})
    on conflict (user_id, category_id) do update set
      score = user_interests.score
        * power(0.5, greatest(extract(epoch from (excluded.updated_at - user_interests.updated_at))::float8, 0)
                     / ${INTEREST_HALF_LIFE_DAYS * 86400}::float8)
        + excluded.score,
      updated_at = greatest(user_interests.updated_at, excluded.updated_at)`);
}

/**
 * Learns what each reader is into from their likes, favourites and comments, for the recommended
 * feed. Its writes commit with the delivery, so each event counts exactly once. Engaging with one's
 * own notes teaches nothing.
 */
export const learnInterests = defineConsumer({
  name: "content.learnInterests",
  events: [ENGAGEMENT_EVENTS.postLiked, ENGAGEMENT_EVENTS.postFavorited, ENGAGEMENT_EVENTS.commentCreated],
  async handle(tx, event) {
    const at = new Date(event.occurredAt);
    if (event.type === ENGAGEMENT_EVENTS.commentCreated) {
      const p = event.payload as CommentCreatedPayload;
      if (p.userId === p.postAuthorId) return;
      const [post] = rowsOf<{ category_id: string | null }>(await tx.execute(sql`select category_id from posts where id = ${p.postId}`));
      if (!post?.category_id) return;
      await raiseInterest(tx, { userId: p.userId, categoryId: post.category_id, weight: INTEREST_WEIGHTS.comment, at });
      return;
    }
    const p = event.payload as PostReactionPayload;
    if (!p.categoryId || p.userId === p.authorId) return;
    const weight = event.type === ENGAGEMENT_EVENTS.postFavorited ? INTEREST_WEIGHTS.favorite : INTEREST_WEIGHTS.like;
    await raiseInterest(tx, { userId: p.userId, categoryId: p.categoryId, weight, at });
  },
});
