import { and, eq, sql } from "drizzle-orm";
import { fanGroupMembers, fanInteractions } from "../../../db/schema";
import { z } from "zod";
import type { Transaction } from "../../../db/client";
import { defineConsumer, type OutboxEvent } from "../../jobs/consumer";
import { fanLevelCase, INTERACTION_POINTS } from "./levels";

const id = z.uuid();
const liked = z.looseObject({ postId: id, userId: id, authorId: id });
const commented = z.looseObject({ commentId: id, postId: id, userId: id, postAuthorId: id });

/**
 * One interaction: recorded once by its source key (the like's post and liker, so unlike and like again
 * earns nothing more; the comment's id), and, when the fan is in the creator's group, added to their
 * points with the level recomputed in the same UPDATE. A redelivered event finds its key taken and
 * changes nothing.
 */
async function recordInteraction(tx: Transaction, input: { sourceKey: string; creatorId: string; userId: string; points: number; at: Date }) {
  if (input.creatorId === input.userId) return;
  const inserted = await tx
    .insert(fanInteractions)
    .values({ sourceKey: input.sourceKey, creatorId: input.creatorId, userId: input.userId, points: input.points, at: input.at })
    .onConflictDoNothing()
    .returning({ sourceKey: fanInteractions.sourceKey });
  if (inserted.length === 0) return;
  const points = Math.trunc(input.points);
  await tx
    .update(fanGroupMembers)
    .set({
      interactionPoints: sql`${fanGroupMembers.interactionPoints} + ${points}`,
      level: sql.raw(fanLevelCase(`(interaction_points + ${points})`)),
    })
    .where(and(eq(fanGroupMembers.creatorId, input.creatorId), eq(fanGroupMembers.userId, input.userId)));
}

async function handle(tx: Transaction, event: OutboxEvent) {
  if (event.type === "content.post.liked") {
    const p = liked.safeParse(event.payload);
    if (!p.success) return;
    await recordInteraction(tx, {
      sourceKey: `like:${p.data.postId}:${p.data.userId}`,
      creatorId: p.data.authorId,
      userId: p.data.userId,
      points: INTERACTION_POINTS.like,
      at: event.occurredAt,
    });
  } else if (event.type === "content.comment.created") {
    const p = commented.safeParse(event.payload);
    if (!p.success) return;
    await recordInteraction(tx, {
      sourceKey: `comment:${p.data.commentId}`,
      creatorId: p.data.postAuthorId,
      userId: p.data.userId,
      points: INTERACTION_POINTS.comment,
      at: event.occurredAt,
    });
  }
}

/** Fan levels follow likes and comments on the creator's notes. */
export const fanInteractionsConsumer = defineConsumer({
  name: "creators.fanInteractions",
  events: ["content.post.liked", "content.comment.created"],
  handle: (tx, event) => handle(tx, event),
});

export const fanGroupsConsumers = [fanInteractionsConsumer];
