import { mcnAccount, platformAccount, userAccount } from "../../ledger";

/*
 * The cny accounts commissions and payouts move between (every step is one balanced journal entry):
 *
 *   platform commission_expense ──created──▶ creator pending ──confirmed──▶ creator earnings
 *   creator earnings ──requested──▶ creator payout_requested ──approved──▶ creator payout_approved ──paid──▶ platform payouts
 *   (rejected: payout_requested/approved ──▶ earnings; a refund: pending or earnings ──▶ commission_expense)
 *
 * The confirmed, withdrawable balance is the kind `earnings`, not `available`: `available` is one of the
 * ledger's non-negative kinds, and a refund after a payout must be able to take the balance below zero
 * (the negative carries over and later commissions pay it off). Payout requests guard it instead, under
 * a lock on its balance row (see request-payout.ts). An MCN's share sits in the same kinds on its own accounts.
 */
export const creatorPending = (userId: string) => userAccount(userId, "cny", "pending");
export const creatorEarnings = (userId: string) => userAccount(userId, "cny", "earnings");
export const creatorPayoutRequested = (userId: string) => userAccount(userId, "cny", "payout_requested");
export const creatorPayoutApproved = (userId: string) => userAccount(userId, "cny", "payout_approved");
export const mcnPending = (mcnId: string) => mcnAccount(mcnId, "cny", "pending");
export const mcnEarnings = (mcnId: string) => mcnAccount(mcnId, "cny", "earnings");
export const mcnPayoutRequested = (mcnId: string) => mcnAccount(mcnId, "cny", "payout_requested");
export const mcnPayoutApproved = (mcnId: string) => mcnAccount(mcnId, "cny", "payout_approved");
export const commissionExpense = () => platformAccount("cny", "commission_expense");
export const platformPayouts = () => platformAccount("cny", "payouts");
