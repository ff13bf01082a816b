import { z } from "zod";
import { MEMBERSHIP_ENDED, MEMBERSHIP_STARTED, ORDER_CONFIRMED, ORDER_REFUNDED } from "../../commerce/events";
import { defineConsumer, type Consumer } from "../../jobs/consumer";
import { syncDistributionRights } from "./sync-distribution-rights";

const CHECKIN_RECORDED = "gamification.checkin.recorded";

const memberOf = z.looseObject({ userId: z.uuid().optional(), buyerId: z.uuid().nullable().optional() });

/**
 * Re-checks a member's distribution rights on the events that move them: a check-in (tasks), an order
 * confirmed or refunded (confirmed purchases), a membership started or ended. The check runs at the
 * moment of delivery (the clock), so a late delivery applies the member's standing as it is now, and a
 * replay finds nothing to change.
 */
export const rightsOnEvents = defineConsumer({
  name: "distribution.rightsOnEvents",
  events: [CHECKIN_RECORDED, ORDER_CONFIRMED, ORDER_REFUNDED, MEMBERSHIP_STARTED, MEMBERSHIP_ENDED],
  async handle(tx, event, ctx) {
    const p = memberOf.parse(event.payload);
    const userId = p.userId ?? p.buyerId ?? null;
    if (!userId) return; // an external order without an account
    await syncDistributionRights(tx, userId, ctx.clock.now(), { reason: event.type, timeZone: ctx.config.platformTimeZone });
  },
});

/** Outbox consumers of the rights engine (registered in server/jobs/consumers.ts). */
export const rightsConsumers: Consumer[] = [rightsOnEvents];
