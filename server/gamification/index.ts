/*
 * The gamification context: points and growth by rules, levels, daily check-in, challenges, badges and
 * the rewards shop, all on the one ledger (server/ledger). Each area lives in its own folder with its
 * own api.ts, consumers.ts, schedules.ts and index.ts; this file re-exports what other contexts use.
 */
export * from "./points";
export * from "./checkin";
export * from "./challenges";
export * from "./badges";
export * from "./rewards";
