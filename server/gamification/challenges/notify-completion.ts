import { eq } from "drizzle-orm";
import { z } from "zod";
import { challenges } from "../../../db/schema";
import { defineConsumer } from "../../jobs/consumer";
import { recordNotification } from "../../notifications/record-notification";
import { CHALLENGE_COMPLETED_EVENT } from "./challenge-check-in";

const payloadSchema = z.object({
  challengeId: z.uuid(),
  userId: z.uuid(),
  rewardPoints: z.number().int(),
  rewardBadgeId: z.string().nullable(),
});

/**
 * "你完成了「21 天护肤打卡」": the finisher's inbox row (type `challenge`), written with the delivery,
 * so it exists exactly once. Its data says what was earned, for the inbox to show.
 */
export const notifyChallengeCompleted = defineConsumer({
  name: "gamification.challengeCompletedNotice",
  events: [CHALLENGE_COMPLETED_EVENT],
  async handle(tx, event, ctx) {
    const payload = payloadSchema.parse(event.payload);
    const [challenge] = await tx.select({ title: challenges.title }).from(challenges).where(eq(challenges.id, payload.challengeId));
    if (!challenge) return;
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: payload.userId,
      type: "challenge",
      groupKey: `challenge.completed:${payload.challengeId}`,
      actorId: null,
      subjectType: "challenge",
      subjectId: payload.challengeId,
      data: {
        kind: "completed",
        challengeId: payload.challengeId,
        title: challenge.title,
        excerpt: challenge.title,
        rewardPoints: payload.rewardPoints,
        rewardBadgeId: payload.rewardBadgeId,
      },
      at: event.occurredAt,
    });
  },
});
