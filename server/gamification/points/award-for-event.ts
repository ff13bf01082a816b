import { z } from "zod";
import type { Queryable } from "../../../db/client";
import type { ConsumerContext, OutboxEvent } from "../../jobs/consumer";
import { awardPointsBatch, type AwardResult } from "./award-points";

/*
 * Which activity pays whom: each content event names one rule and one member. Payloads are parsed on
 * receipt; one that drifts from the content context's contract fails the delivery loudly (it retries,
 * then shows up as a dead letter on /ops/outbox) rather than paying the wrong person.
 */
const id = z.uuid();
const published = z.looseObject({ postId: id, authorId: id, title: z.string().default("") });
const liked = z.looseObject({ postId: id, userId: id, authorId: id });
const commented = z.looseObject({ commentId: id, postId: id, userId: id });
const featured = z.looseObject({ postId: id, authorId: id });

export const POINTS_EVENTS = {
  postPublished: "content.post.published",
  postLiked: "content.post.liked",
  commentCreated: "content.comment.created",
  postFeatured: "content.post.featured",
} as const;

export interface PlannedAward {
  userId: string;
  ruleKey: string;
  memo: Record<string, unknown>;
  /**
   * What the award is for, when that is not just the event: a like pays its note's author once per
   * liker (like → unlike → like again pays nothing more), a note pays once for being featured however
   * often staff re-feature it. Defaults to the event itself.
   */
  subjectKey?: string;
}

function parse<S extends z.ZodType>(schema: S, event: OutboxEvent): z.output<S> {
  const result = schema.safeParse(event.payload);
  if (result.success) return result.data;
  throw new Error(`event ${event.id} (${event.type}) has an unexpected payload: ${result.error.message}`);
}

/** The awards one event earns (none for liking one's own note). */
export function awardsForEvent(event: OutboxEvent): PlannedAward[] {
  switch (event.type) {
    case POINTS_EVENTS.postPublished: {
      const p = parse(published, event);
      return [{ userId: p.authorId, ruleKey: "post.published", memo: { postId: p.postId, title: p.title }, subjectKey: `published:${p.postId}` }];
    }
    case POINTS_EVENTS.postLiked: {
      const p = parse(liked, event);
      if (p.userId === p.authorId) return [];
      return [{ userId: p.authorId, ruleKey: "like.received", memo: { postId: p.postId, likerId: p.userId }, subjectKey: `like:${p.postId}:${p.userId}` }];
    }
    case POINTS_EVENTS.commentCreated: {
      const p = parse(commented, event);
      return [{ userId: p.userId, ruleKey: "comment.created", memo: { postId: p.postId, commentId: p.commentId } }];
    }
    case POINTS_EVENTS.postFeatured: {
      const p = parse(featured, event);
      return [{ userId: p.authorId, ruleKey: "post.featured", memo: { postId: p.postId }, subjectKey: `featured:${p.postId}` }];
    }
    default:
      return [];
  }
}

/**
 * Pays the awards of delivered events inside the delivery's transaction, in event order. The key —
 * `points:<subject>:<ruleKey>` for what an award is about (a like, a featured note, a published note),
 * else `points:event:<eventId>:<ruleKey>` — makes a redelivery (after a crash, or a second worker), and
 * a repeated like, pay nothing more; the day whose caps count is the day the activity happened, not the
 * day it is processed.
 */
export async function awardForEvents(
  tx: Queryable,
  events: readonly OutboxEvent[],
  ctx: Pick<ConsumerContext, "clock" | "config">,
): Promise<AwardResult[]> {
  const now = ctx.clock.now();
  const inputs = events.flatMap((event) =>
    awardsForEvent(event).map((award) => ({
      userId: award.userId,
      ruleKey: award.ruleKey,
      idempotencyKey: award.subjectKey ? `points:${award.subjectKey}:${award.ruleKey}` : `points:event:${event.id}:${award.ruleKey}`,
      occurredAt: event.occurredAt,
      now,
      timeZone: ctx.config.platformTimeZone,
      sourceEventId: event.id,
      memo: award.memo,
    })),
  );
  return awardPointsBatch(tx, inputs);
}

/** awardForEvents for one event. */
export function awardForEvent(tx: Queryable, event: OutboxEvent, ctx: Pick<ConsumerContext, "clock" | "config">): Promise<AwardResult[]> {
  return awardForEvents(tx, [event], ctx);
}
