// Fraud signals: flags that hold a creator's payouts for staff.
export { isFlagged } from "./is-flagged";
export { raiseFraudFlag } from "./raise-fraud-flag";
export { detectClickFloods, detectRefundRate, detectSelfPurchase } from "./detect-signals";
export { listFraudFlags, REVIEW_FLAGS } from "./list-fraud-flags";
export { resolveFraudFlag } from "./resolve-fraud-flag";
export { fraudFlagViewSchema, type FraudFlagView } from "./schemas";
export * from "./rules";
