import { defineMessages } from "./define";

/** Error and validation messages of the ledger area (keys `ledger.*`, or `gamification.ledger.*`). */
export const ledgerMessages = defineMessages(
  { "ledger.insufficient": "Not enough points for this." },
  { "ledger.insufficient": "积分不足。" },
);
