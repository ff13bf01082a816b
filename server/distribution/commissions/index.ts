// Commissions (佣金): the pipeline from commerce's order events to the creator's ledger (see ../index.ts).
export { recordCommissions } from "./record-commissions";
export type { CommissionCreatedPush } from "./push";
export { confirmCommissions } from "./confirm-commissions";
export { reverseCommissions } from "./reverse-commissions";
export { commissionsConsumers, commissionsForPaidOrders, confirmCommissionsOnConfirmed, reverseCommissionsOnRefund } from "./consumers";
export { creatorTierMultiplierBp, mcnSplitFor, type McnSplit } from "./hooks";
export { commissionFor, reversalFor, reversedTotalFor, splitWithMcn } from "./rules";
export { COMMISSION_CONFIRMED, COMMISSION_CREATED, COMMISSION_CREATED_PUSH, COMMISSION_REASONS, COMMISSION_REVERSED, type CommissionReason } from "./events";
export {
  commissionExpense,
  creatorEarnings,
  creatorPayoutApproved,
  creatorPayoutRequested,
  creatorPending,
  mcnEarnings,
  mcnPending,
  platformPayouts,
} from "./accounts";
