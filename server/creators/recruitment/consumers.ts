import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { creatorInvitations, users } from "../../../db/schema";
import { COMMISSION_CREATED } from "../../distribution/commissions/events";
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

/**
 * An invited creator's first commission moves their invitation to `first_sale`, the funnel's last step
 * (the funnel itself also reads the commissions table, so invitations approved before this consumer
 * existed still count). Only an `approved` invitation moves, so a redelivery changes nothing.
 */
export const markFirstSale = defineConsumer({
  name: "creators.recruitment.markFirstSale",
  events: [COMMISSION_CREATED],
  async handle(tx, event) {
    const p = z.looseObject({ creatorId: z.uuid() }).parse(event.payload);
    await tx
      .update(creatorInvitations)
      .set({ status: "first_sale", firstSaleAt: event.occurredAt })
      .where(and(eq(creatorInvitations.userId, p.creatorId), eq(creatorInvitations.status, "approved")));
  },
});

export const recruitmentConsumers: Consumer[] = [notifyInvitation, markFirstSale];
