import { defineSchedule, type Schedule } from "../../jobs/schedule";
import { checkTrial, overdueTrialApplicants } from "./check-trial";

/** Hourly: trials whose deadline passed without enough notes are marked failed (shown to staff). */
export const expireTrials = defineSchedule({
  name: "creators.expireTrials",
  every: "1h",
  async run(ctx) {
    const now = ctx.clock.now();
    for (const applicantId of await overdueTrialApplicants(ctx.db, now)) {
      await ctx.db.transaction((tx) => checkTrial(tx, applicantId, now));
    }
  },
});

export const applicationsSchedules: Schedule[] = [expireTrials];
