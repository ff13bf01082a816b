import { defineConsumer, type Consumer } from "../../jobs/consumer";
import { awardForEvent, awardForEvents, POINTS_EVENTS } from "./award-for-event";
import { notifyExpiringPoints } from "./notify-expiring";
import { notifyLevelUp } from "./notify-level-up";
import { purchasePoints } from "./purchase-points";

/** Activity → points and growth by the staff-editable rules (see award-for-event.ts). */
export const pointsForContent = defineConsumer({
  name: "gamification.pointsForContent",
  events: Object.values(POINTS_EVENTS),
  async handle(tx, event, ctx) {
    await awardForEvent(tx, event, ctx);
  },
  // A batch of likes and comments is priced together: a dozen statements for the whole batch.
  async handleBatch(tx, events, ctx) {
    await awardForEvents(tx, events, ctx);
  },
});

/** Outbox consumers of the points area (registered in server/jobs/consumers.ts through ../consumers.ts). */
export const pointsConsumers: Consumer[] = [pointsForContent, notifyLevelUp, notifyExpiringPoints, purchasePoints];
