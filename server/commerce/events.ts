/*
 * The events commerce emits (DOMAIN.md: commerce.order.paid, .refunded, .confirmed, .cancelled,
 * commerce.membership.started, .ended). Payloads carry the facts a consumer needs at that moment — the
 * order's attribution, lines and amounts — so commission, purchase points, memberships and fraud signals
 * never reconstruct the past. Amounts are integer cents (CNY); times ISO-8601 UTC.
 */

export const ORDER_PAID = "commerce.order.paid";
export const ORDER_REFUNDED = "commerce.order.refunded";
export const ORDER_CONFIRMED = "commerce.order.confirmed";
export const ORDER_CANCELLED = "commerce.order.cancelled";
export const MEMBERSHIP_STARTED = "commerce.membership.started";
export const MEMBERSHIP_ENDED = "commerce.membership.ended";

export interface OrderLineFacts {
  lineId: string;
  productId: string | null;
  title: string;
  quantity: number;
  lineTotalCents: number;
  /** The product's commission rate when the order was placed, basis points. */
  commissionRateBp: number;
}

export interface OrderPaidPayload extends Record<string, unknown> {
  orderId: string;
  orderNumber: string;
  kind: "product" | "membership";
  source: "shop" | "external";
  buyerId: string | null;
  /** The attribution decided at checkout (last click within the window; never the buyer's own link). */
  linkId: string | null;
  creatorId: string | null;
  visitorId: string | null;
  membershipPlanId: string | null;
  totalCents: number;
  paidAt: string;
  /** When the holding period ends: the order (and its commission) may confirm from then on. */
  confirmableAt: string;
  lines: OrderLineFacts[];
}

export interface OrderRefundedPayload extends Record<string, unknown> {
  orderId: string;
  refundId: string;
  buyerId: string | null;
  creatorId: string | null;
  /** This refund's amount, and the order's refunded total after it. */
  amountCents: number;
  refundedTotalCents: number;
  totalCents: number;
  /** True when the order is now refunded in full. */
  full: boolean;
  /** This refund's share per line (sums to amountCents). */
  lines: { lineId: string; refundedCents: number }[];
  refundedAt: string;
}

export interface OrderConfirmedPayload extends Record<string, unknown> {
  orderId: string;
  buyerId: string | null;
  creatorId: string | null;
  confirmedAt: string;
}

export interface OrderCancelledPayload extends Record<string, unknown> {
  orderId: string;
  buyerId: string | null;
  cancelledAt: string;
}

export interface MembershipPayload extends Record<string, unknown> {
  membershipId: string;
  userId: string;
  planId: string;
  startsAt: string;
  endsAt: string;
}
