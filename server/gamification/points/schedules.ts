import { defineSchedule, type Schedule } from "../../jobs/schedule";
import { runLedgerCheck } from "./check-ledger";
import { expirePoints, remindExpiringPoints } from "./expire-points";

/** Nightly, after the day's traffic: prove cached balances equal the ledger and report any drift. */
export const ledgerCheckSchedule = defineSchedule({
  name: "gamification.ledgerCheck",
  every: { dailyAt: "03:30" },
  async run({ db, clock, logger }) {
    await runLedgerCheck(db, { now: clock.now(), logger });
  },
});

/**
 * Hourly, so points expire close to their time and a missed run catches up at the next: expired lots
 * go to breakage, then members hear about lots entering the reminder window.
 */
export const pointsExpirySchedule = defineSchedule({
  name: "gamification.pointsExpiry",
  every: "1h",
  async run({ db, clock, logger }) {
    const expired = await expirePoints(db, { now: clock.now() });
    const reminded = await remindExpiringPoints(db, { now: clock.now() });
    if (expired.lots > 0 || reminded.members > 0) logger.info({ ...expired, remindedMembers: reminded.members }, "points expiry");
  },
});

/** Periodic jobs of the points area (registered in server/jobs/schedules.ts through ../schedules.ts). */
export const pointsSchedules: Schedule[] = [ledgerCheckSchedule, pointsExpirySchedule];
