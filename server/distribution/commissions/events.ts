/** The facts commissions emit (DOMAIN.md: distribution.commission.created, .confirmed, .reversed). */
export const COMMISSION_CREATED = "distribution.commission.created";
export const COMMISSION_CONFIRMED = "distribution.commission.confirmed";
export const COMMISSION_REVERSED = "distribution.commission.reversed";

/** The realtime fact the creator's earnings page listens for. */
export const COMMISSION_CREATED_PUSH = "commission:created";

/** Reason codes of commission_events (the earnings timeline translates them: distribution.reason.*). */
export const COMMISSION_REASONS = ["created", "confirmed", "reversed_full", "reversed_partial", "paid_out", "clawed_back"] as const;
export type CommissionReason = (typeof COMMISSION_REASONS)[number];
