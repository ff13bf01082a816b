// The distribution context (分销): what other contexts and the web pages may use. One block per area.
export * from "./commissions";
export * from "./earnings";
export * from "./payouts";
export * from "./rights";
export * from "./fraud";
export { distributionConsumers } from "./consumers";
export { distributionSchedules } from "./schedules";
export { distributionOperations } from "./api";
