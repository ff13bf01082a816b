import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema";
import { defineConsumer, type Consumer } from "../../jobs/consumer";
// The module, not the notifications index: the index reaches the jobs registry that lists this consumer.
import { recordNotification } from "../../notifications/record-notification";
import { t, type MessageLocale } from "../../shared/messages";
import { PAYOUT_UPDATED } from "./events";

const payloadSchema = z.looseObject({
  payoutId: z.uuid(),
  ownerId: z.uuid(),
  status: z.enum(["approved", "rejected", "paid"]),
  amountCents: z.number().int(),
  reason: z.string().nullable().default(null),
});

/**
 * Tells a creator what staff decided about their payout: approved, rejected (with the reason; the money
 * is back in their balance) or paid. The inbox has no payout type (its CHECK lists the types, and this
 * issue adds no migration), so these are `system` notices whose data carries `kind: "payout"`; one row
 * per payout and outcome, in the creator's language.
 */
export const notifyPayoutDecision = defineConsumer({
  name: "distribution.payouts.notifyDecision",
  events: [PAYOUT_UPDATED],
  async handle(tx, event, ctx) {
    const p = payloadSchema.parse(event.payload);
    const [owner] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, p.ownerId));
    if (!owner) return;
    const locale: MessageLocale = owner.locale === "en" ? "en" : "zh-CN";
    const amount = new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" }).format(p.amountCents / 100);
    const excerpt = t(locale, `distribution.payout.notice.${p.status}`, { amount, reason: p.reason ?? "" });
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: p.ownerId,
      type: "system",
      groupKey: `payout:${p.payoutId}:${p.status}`,
      actorId: null,
      subjectType: "system",
      subjectId: null,
      data: { kind: "payout", payoutId: p.payoutId, status: p.status, amountCents: p.amountCents, reason: p.reason, excerpt, href: "/me/earnings" },
      at: event.occurredAt,
    });
  },
});

/** Outbox consumers of the payouts area (registered in server/jobs/consumers.ts through ../consumers.ts). */
export const payoutsConsumers: Consumer[] = [notifyPayoutDecision];
