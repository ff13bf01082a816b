import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema";
import { defineConsumer } from "../../jobs/consumer";
import { recordNotification } from "../../notifications";
import { t } from "../../shared/messages";
import { POINTS_EXPIRING } from "./expire-points";

const payloadSchema = z.looseObject({ userId: z.uuid(), points: z.number().int(), expiresAt: z.string(), lotIds: z.array(z.string()).default([]) });

/** "你有 120 积分将于 2027年12月31日 过期": the reminder the expiry job announces, as a `points` notice. */
export const notifyExpiringPoints = defineConsumer({
  name: "gamification.pointsExpiringNotice",
  events: [POINTS_EXPIRING],
  async handle(tx, event, ctx) {
    const parsed = payloadSchema.safeParse(event.payload);
    if (!parsed.success) throw new Error(`event ${event.id} (${event.type}) has an unexpected payload: ${parsed.error.message}`);
    const p = parsed.data;
    const [user] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, p.userId));
    if (!user) return;
    const locale = user.locale === "en" ? "en" : "zh-CN";
    const date = new Intl.DateTimeFormat(locale, { timeZone: ctx.config.platformTimeZone, dateStyle: "long" }).format(new Date(p.expiresAt));
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: p.userId,
      type: "points",
      groupKey: `points:expiring:${event.id}`,
      actorId: null,
      subjectType: "system",
      subjectId: null,
      data: { points: p.points, expiresAt: p.expiresAt, excerpt: t(locale, "points.expiring.excerpt", { points: p.points, date }) },
      at: event.occurredAt,
    });
  },
});
