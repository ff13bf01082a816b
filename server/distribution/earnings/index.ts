// Earnings (收益): what a creator's commissions add up to, read from the ledger (see ../index.ts).
export { getEarningsSummary } from "./get-earnings-summary";
export { listCommissions } from "./list-commissions";
export { earningsOperations } from "./api";
export {
  EARNINGS_CHART_DAYS,
  commissionPageSchema,
  commissionViewSchema,
  earningsSummarySchema,
  listCommissionsQuerySchema,
  type CommissionPage,
  type CommissionView,
  type EarningsSummary,
  type ListCommissionsQuery,
} from "./schemas";
