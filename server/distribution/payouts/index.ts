// Payouts (提现): requests, the staff review and the creator's notices (see ../index.ts).
export { requestPayout, type RequestPayoutResult } from "./request-payout";
export { decidePayout } from "./decide-payout";
export { getPayout, listMyPayouts, listPayoutQueue } from "./list-payouts";
export { readPayoutSettings } from "./settings";
export { payoutsConsumers, notifyPayoutDecision } from "./consumers";
export { payoutsOperations } from "./api";
export { PAYOUT_REQUESTED, PAYOUT_UPDATED } from "./events";
export {
  DEFAULT_PAYOUT_SETTINGS,
  PAYOUT_ACTIONS,
  PAYOUT_SETTINGS_KEY,
  decidePayoutSchema,
  listPayoutsQuerySchema,
  requestPayoutSchema,
  type DecidePayoutInput,
  type PayoutAction,
  type PayoutSettings,
  type PayoutView,
  type RequestPayoutInput,
} from "./schemas";
