import { z } from "zod";
import { defineConsumer, type Consumer } from "../../jobs/consumer";
import { recordNotification } from "../../notifications/record-notification";
import { BADGE_EVENTS } from "./badge-rows";
import { evaluateChallengeBadges, evaluateCounterBadges, evaluateStreakBadges } from "./evaluate";
import type { BadgeCounter } from "./schemas";

/*
 * Badges earned by activity. Each consumer re-reads the member's counters from the owning tables and
 * grants what is now reached; grants are idempotent (see grant-badge.ts), so a redelivered event, or
 * an unlike followed by a like, grants nothing twice. Payloads are parsed loosely: producers may add
 * fields, but a payload missing what we need fails loudly into the dead letters.
 */

const id = z.uuid();

function parse<S extends z.ZodType>(schema: S, event: { id: number; type: string; payload: unknown }): z.output<S> {
  const result = schema.safeParse(event.payload);
  if (result.success) return result.data;
  throw new Error(`event ${event.id} (${event.type}) has an unexpected payload: ${result.error.message}`);
}

/** Which member's which counter an activity event moves. */
const COUNTER_EVENTS: Record<string, { schema: z.ZodType<{ userId: string }>; counters: BadgeCounter[] }> = {
  "content.post.published": { schema: z.looseObject({ authorId: id }).transform((p) => ({ userId: p.authorId })), counters: ["posts.published"] },
  "content.post.liked": { schema: z.looseObject({ authorId: id }).transform((p) => ({ userId: p.authorId })), counters: ["likes.received"] },
  "content.post.favorited": { schema: z.looseObject({ authorId: id }).transform((p) => ({ userId: p.authorId })), counters: ["favorites.received"] },
  "content.user.followed": { schema: z.looseObject({ followeeId: id }).transform((p) => ({ userId: p.followeeId })), counters: ["followers"] },
  "content.comment.created": { schema: z.looseObject({ userId: id }).transform((p) => ({ userId: p.userId })), counters: ["comments.written"] },
};

export const badgesForActivity = defineConsumer({
  name: "gamification.badgesForActivity",
  events: Object.keys(COUNTER_EVENTS),
  async handle(tx, event) {
    const spec = COUNTER_EVENTS[event.type];
    if (!spec) return;
    const { userId } = parse(spec.schema, event);
    await evaluateCounterBadges(tx, userId, event.occurredAt, spec.counters);
  },
});

const checkinRecorded = z.looseObject({ userId: id, localDate: z.iso.date(), streak: z.number().int().min(1) });

export const badgesForCheckins = defineConsumer({
  name: "gamification.badgesForCheckins",
  events: ["gamification.checkin.recorded"],
  async handle(tx, event) {
    const p = parse(checkinRecorded, event);
    await evaluateStreakBadges(tx, { userId: p.userId, localDate: p.localDate, streak: p.streak, now: event.occurredAt });
    await evaluateCounterBadges(tx, p.userId, event.occurredAt, ["checkins.total"]);
  },
});

const challengeCompleted = z.looseObject({ challengeId: id, userId: id, rewardBadgeId: id.nullable().default(null) });

export const badgesForChallenges = defineConsumer({
  name: "gamification.badgesForChallenges",
  events: ["gamification.challenge.completed"],
  async handle(tx, event) {
    const p = parse(challengeCompleted, event);
    await evaluateChallengeBadges(tx, { userId: p.userId, challengeId: p.challengeId, rewardBadgeId: p.rewardBadgeId, now: event.occurredAt });
  },
});

const badgeGranted = z.looseObject({
  grantId: id,
  badgeId: id,
  userId: id,
  slug: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  icon: z.string().default("award"),
  tier: z.string(),
  certificateCode: z.string(),
  certificate: z.boolean().default(false),
  seq: z.number().int().default(1),
});

/** "你获得了徽章「人气新星」": one inbox row per grant, from the platform (no actor). */
export const notifyBadgeGranted = defineConsumer({
  name: "gamification.notifyBadgeGranted",
  events: [BADGE_EVENTS.granted],
  async handle(tx, event, ctx) {
    const p = parse(badgeGranted, event);
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: p.userId,
      type: "badge",
      groupKey: `badge:${p.grantId}`,
      actorId: null,
      subjectType: "badge",
      subjectId: p.badgeId,
      data: {
        grantId: p.grantId,
        slug: p.slug,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        icon: p.icon,
        tier: p.tier,
        seq: p.seq,
        certificate: p.certificate,
        certificateCode: p.certificateCode,
      },
      at: event.occurredAt,
    });
  },
});

/** Outbox consumers of the badges area (registered in server/jobs/consumers.ts through ../consumers.ts). */
export const badgesConsumers: Consumer[] = [badgesForActivity, badgesForCheckins, badgesForChallenges, notifyBadgeGranted];
