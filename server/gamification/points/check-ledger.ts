import { z } from "zod";
import type { Queryable } from "../../../db/client";
import { checkLedgerInvariants, type LedgerInvariantReport } from "../../ledger";
import { readSetting, writeSystemSetting } from "../../ops";
import type { Logger } from "../../shared/logger";

export const LEDGER_CHECK_KEY = "gamification.ledger.lastCheck";

const lastCheckSchema = z.object({
  at: z.string(),
  ok: z.boolean(),
  unbalancedEntries: z.number().int(),
  drift: z.number().int(),
  negative: z.number().int(),
  assetTotals: z.array(z.object({ asset: z.string(), sum: z.number() })),
});
export type LedgerCheckOutcome = z.output<typeof lastCheckSchema>;

/**
 * The nightly proof that cached balances equal the ledger: runs checkLedgerInvariants, logs an error
 * with the offending rows when anything drifted (that is a bug to investigate, never something to
 * "fix" by editing balances), and records the outcome so staff see the last result on /ops/points.
 */
export async function runLedgerCheck(db: Queryable, options: { now: Date; logger: Logger }): Promise<LedgerInvariantReport> {
  const report = await checkLedgerInvariants(db);
  if (!report.ok) {
    options.logger.error(
      { unbalancedEntries: report.unbalancedEntries, drift: report.drift, negative: report.negative, assetTotals: report.assetTotals },
      "ledger invariants violated",
    );
  } else {
    options.logger.info({ assetTotals: report.assetTotals }, "ledger invariants hold");
  }
  const outcome: LedgerCheckOutcome = {
    at: options.now.toISOString(),
    ok: report.ok,
    unbalancedEntries: report.unbalancedEntries.length,
    drift: report.drift.length,
    negative: report.negative.length,
    assetTotals: report.assetTotals,
  };
  await writeSystemSetting(db, { key: LEDGER_CHECK_KEY, value: outcome, now: options.now });
  return report;
}

/** The last recorded check, or null before the first run. */
export function readLastLedgerCheck(db: Queryable): Promise<LedgerCheckOutcome | null> {
  return readSetting(db, LEDGER_CHECK_KEY, lastCheckSchema.nullable(), null);
}
