// The ledger context: one double-entry journal for points, growth and money (DOMAIN.md "One ledger").
export {
  accountKey,
  balanceOf,
  balancesOfOwner,
  ensureAccount,
  ensureAccounts,
  lockBalance,
  mcnAccount,
  platformAccount,
  userAccount,
  type AccountRef,
} from "./accounts";
export { addPostings, addPostingsMany, claimEntries, claimEntry, postEntry, INSUFFICIENT, type EntryInput, type MovedBalances, type PostedEntry, type PostingInput } from "./post-entry";
export { checkLedgerInvariants, type LedgerInvariantReport } from "./check-invariants";
export { consumePointLots, openPointLot, openPointLots, type PointLotInput } from "./point-lots";
