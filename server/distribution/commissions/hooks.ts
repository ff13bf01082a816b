import type { Queryable } from "../../../db/client";
// Modules, not the creators index: that index reaches the API and consumers, which reach this file.
import { contractInForce } from "../../creators/mcn/contract-in-force";
import { tierMultiplierBpOf } from "../../creators/tiers/multiplier";

/**
 * The creator's tier multiplier in basis points (10,000 = ×1.0): their current tier (C1 without one)
 * priced by the staff-editable tier settings. Commissions record the multiplier they were priced with,
 * so later tier changes never touch an order already paid.
 */
export async function creatorTierMultiplierBp(db: Queryable, creatorId: string): Promise<number> {
  return tierMultiplierBpOf(db, creatorId);
}

export interface McnSplit {
  mcnId: string;
  /** The MCN's contracted share of each commission, basis points. */
  shareBp: number;
}

/**
 * The MCN contract in force for the creator at the order's time, if any (signed, started, not yet
 * ended — a contract under notice still counts). recordCommissions posts the MCN's share in the same
 * entry (two more postings), so the split is decided once, at order time, and reversed with it.
 */
export async function mcnSplitFor(db: Queryable, creatorId: string, at: Date): Promise<McnSplit | null> {
  return contractInForce(db, creatorId, at);
}
