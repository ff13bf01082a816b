import { ORDER_CONFIRMED, ORDER_PAID, ORDER_REFUNDED } from "../../commerce/events";
import { defineConsumer, type Consumer } from "../../jobs/consumer";
import { confirmCommissions } from "./confirm-commissions";
import { recordCommissions } from "./record-commissions";
import { reverseCommissions } from "./reverse-commissions";

/** commerce.order.paid → pending commissions (see record-commissions.ts). */
export const commissionsForPaidOrders = defineConsumer({ name: "distribution.commissionsForPaidOrders", events: [ORDER_PAID], handle: recordCommissions });

/** commerce.order.confirmed → the order's commissions become withdrawable (see confirm-commissions.ts). */
export const confirmCommissionsOnConfirmed = defineConsumer({ name: "distribution.confirmCommissions", events: [ORDER_CONFIRMED], handle: confirmCommissions });

/** commerce.order.refunded → the refunded share of the order's commissions goes back (see reverse-commissions.ts). */
export const reverseCommissionsOnRefund = defineConsumer({ name: "distribution.reverseCommissions", events: [ORDER_REFUNDED], handle: reverseCommissions });

/** Outbox consumers of the commissions area (registered in server/jobs/consumers.ts through ../consumers.ts). */
export const commissionsConsumers: Consumer[] = [commissionsForPaidOrders, confirmCommissionsOnConfirmed, reverseCommissionsOnRefund];
