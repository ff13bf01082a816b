import type { Queryable } from "../../../db/client";
import { BP } from "./rules";

/**
 * The creator's tier multiplier in basis points (10,000 = ×1.0). Every creator is ×1.0 until the
 * creator program adds tiers; that issue replaces this body, and commissions record the multiplier
 * they were priced with, so later tier changes never touch an order already paid.
 */
export async function creatorTierMultiplierBp(_db: Queryable, _creatorId: string): Promise<number> {
  return BP;
}

export interface McnSplit {
  mcnId: string;
  /** The MCN's contracted share of each commission, basis points. */
  shareBp: number;
}

/**
 * The MCN contract in force for the creator at the order's time, if any. None exist until the creator
 * program adds MCNs; that issue fills this in, and recordCommissions then posts the MCN's share in the
 * same entry (two more postings), so the split is decided once, at order time.
 */
export async function mcnSplitFor(_db: Queryable, _creatorId: string, _at: Date): Promise<McnSplit | null> {
  return null;
}
