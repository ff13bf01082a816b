/**
 * What the creator's earnings page receives live (`commission:created`) when an attributed order is
 * paid. Types only: the browser's realtime client imports it through server/realtime/events.ts.
 */
export interface CommissionCreatedPush {
  orderId: string;
  orderNumber: string;
  linkId: string;
  commissions: { id: string; lineId: string; title: string; amountCents: number; status: "pending"; confirmableAt: string }[];
  totalCents: number;
}
