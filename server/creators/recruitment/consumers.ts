import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema";
import { defineConsumer, type Consumer } from "../../jobs/consumer";
// The module, not the notifications index: the index reaches the jobs registry that lists this consumer.
import { recordNotification } from "../../notifications/record-notification";
import { t } from "../../shared/messages";
import { CREATOR_INVITED } from "./invite-candidate";

/** The invited member gets a notice with a link to the application form. */
export const notifyInvitation = defineConsumer({
  name: "creators.recruitment.notifyInvitation",
  events: [CREATOR_INVITED],
  async handle(tx, event, ctx) {
    const p = z.looseObject({ invitationId: z.uuid(), userId: z.uuid() }).parse(event.payload);
    const [member] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, p.userId));
    if (!member) return;
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: p.userId,
      type: "system",
      groupKey: `creatorInvitation:${p.invitationId}`,
      actorId: null,
      subjectType: "system",
      subjectId: null,
      data: { kind: "creatorInvitation", invitationId: p.invitationId, excerpt: t(member.locale === "en" ? "en" : "zh-CN", "creators.invite.notice", {}), href: "/creator/apply" },
      at: event.occurredAt,
    });
  },
});

export const recruitmentConsumers: Consumer[] = [notifyInvitation];
