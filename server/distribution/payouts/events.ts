/** A payout was requested, or staff moved it on (approved, rejected, paid): the creator hears of it. */
export const PAYOUT_REQUESTED = "distribution.payout.requested";
export const PAYOUT_UPDATED = "distribution.payout.updated";
