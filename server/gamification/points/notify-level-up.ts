import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema";
import { defineConsumer } from "../../jobs/consumer";
import { recordNotification } from "../../notifications";
import { pushToUser } from "../../realtime/publisher";
import { t } from "../../shared/messages";

export const LEVEL_CHANGED = "gamification.level.changed";
/** The realtime fact the celebration listens for (besides the inbox's `notification:created`). */
export const LEVEL_CHANGED_PUSH = "level:changed" as const;

const payloadSchema = z.looseObject({
  userId: z.uuid(),
  from: z.number().int(),
  to: z.number().int(),
  growth: z.number().int(),
  nameZh: z.string().nullable().default(null),
  nameEn: z.string().nullable().default(null),
});
export type LevelChangedPush = z.output<typeof payloadSchema>;

/**
 * A member reached a higher level: a `level` notice in their inbox (one row per level-up, never
 * folded into an older one) and a `level:changed` push so an open page can celebrate at once. The
 * notice commits with the delivery, exactly once; the push is at-least-once, which the celebration
 * tolerates (it shows each level once). Going down (growth reversed by a refund) tells no one.
 */
export const notifyLevelUp = defineConsumer({
  name: "gamification.levelUpNotice",
  events: [LEVEL_CHANGED],
  async handle(tx, event, ctx) {
    const parsed = payloadSchema.safeParse(event.payload);
    if (!parsed.success) throw new Error(`event ${event.id} (${event.type}) has an unexpected payload: ${parsed.error.message}`);
    const p = parsed.data;
    if (p.to <= p.from) return;
    const [user] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, p.userId));
    if (!user) return;
    const locale = user.locale === "en" ? "en" : "zh-CN";
    const name = (locale === "en" ? p.nameEn : p.nameZh) ?? `V${p.to}`;
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: p.userId,
      type: "level",
      groupKey: `level:${event.id}`,
      actorId: null,
      subjectType: "system",
      subjectId: null,
      data: { from: p.from, to: p.to, growth: p.growth, nameZh: p.nameZh, nameEn: p.nameEn, excerpt: t(locale, "points.levelUp.excerpt", { level: p.to, name }) },
      at: event.occurredAt,
    });
    pushToUser(ctx.realtime, p.userId, LEVEL_CHANGED_PUSH, p);
  },
});
