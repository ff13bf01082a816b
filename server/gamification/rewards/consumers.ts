import { eq } from "drizzle-orm";
import { z } from "zod";
import { rewards, users } from "../../../db/schema";
import { defineConsumer, type Consumer } from "../../jobs/consumer";
// The module, not the notifications index: the index reaches the jobs registry that lists this consumer.
import { recordNotification } from "../../notifications/record-notification";
import { t, type MessageLocale } from "../../shared/messages";
import { REDEMPTION_UPDATED } from "./update-redemption";

const payloadSchema = z.looseObject({
  redemptionId: z.uuid(),
  rewardId: z.uuid(),
  userId: z.uuid(),
  status: z.enum(["shipped", "fulfilled", "cancelled"]),
  note: z.string().nullable().default(null),
  points: z.number().int(),
});

/**
 * Tells a member what became of their redemption: shipped (with the tracking note), fulfilled, or
 * cancelled (with the reason and the points returned). One row per redemption and outcome, in the
 * member's own language, since the inbox shows the sentence as written.
 */
export const notifyRedemption = defineConsumer({
  name: "gamification.rewards.notifyRedemption",
  events: [REDEMPTION_UPDATED],
  async handle(tx, event, ctx) {
    const p = payloadSchema.parse(event.payload);
    const [reward] = await tx.select({ title: rewards.title }).from(rewards).where(eq(rewards.id, p.rewardId));
    const [member] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, p.userId));
    if (!member) return;
    const locale: MessageLocale = member.locale === "en" ? "en" : "zh-CN";
    const title = reward?.title ?? "";
    const excerpt = t(locale, `rewards.notice.${p.status}`, { title, note: p.note ?? "", points: p.points });
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: p.userId,
      type: "reward",
      groupKey: `reward:redemption:${p.redemptionId}:${p.status}`,
      actorId: null,
      subjectType: "reward",
      subjectId: p.rewardId,
      data: { redemptionId: p.redemptionId, rewardId: p.rewardId, status: p.status, title, note: p.note, points: p.points, excerpt },
      at: event.occurredAt,
    });
  },
});

/** Outbox consumers of the rewards area (registered in server/jobs/consumers.ts through ../consumers.ts). */
export const rewardsConsumers: Consumer[] = [notifyRedemption];
