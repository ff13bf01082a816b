import { defineSchedule, type Schedule } from "../../jobs/schedule";
import { confirmDueOrders } from "./confirm-orders";
import { expirePendingOrders } from "./expire-orders";

/** Every minute, so an unpaid order's units are back on sale soon after its 30 minutes run out. */
export const expirePendingOrdersSchedule = defineSchedule({
  name: "commerce.expirePendingOrders",
  every: "1m",
  async run({ db, clock, logger }) {
    const { cancelled } = await expirePendingOrders(db, { now: clock.now() });
    if (cancelled > 0) logger.info({ cancelled }, "pending orders expired");
  },
});

/** Every ten minutes: holding periods end at any time of day, and a missed run catches up at the next. */
export const confirmOrdersSchedule = defineSchedule({
  name: "commerce.confirmOrders",
  every: "10m",
  async run({ db, clock, logger }) {
    const { confirmed } = await confirmDueOrders(db, { now: clock.now() });
    if (confirmed > 0) logger.info({ confirmed }, "orders confirmed");
  },
});

/** Periodic jobs of orders (registered in server/jobs/schedules.ts through ../schedules.ts). */
export const ordersSchedules: Schedule[] = [expirePendingOrdersSchedule, confirmOrdersSchedule];
