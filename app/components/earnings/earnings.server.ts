/**
 * Earnings and payouts as the web UI uses them. Routes import server code only through `.server`
 * modules, so none of it can reach the browser bundle.
 */
export {
  decidePayout,
  getEarningsSummary,
  listCommissions,
  listMyPayouts,
  listPayoutQueue,
  requestPayout,
  type CommissionView,
  type DecidePayoutInput,
  type EarningsSummary,
  type PayoutView,
} from "../../../server/distribution";
export { isAppError, AppError } from "../../../server/shared/errors";
export { requireStaff } from "~/utils/content.server";
