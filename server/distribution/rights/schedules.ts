import { defineSchedule, type Schedule } from "../../jobs/schedule";
import { membersOnLapsingPaths, syncDistributionRights } from "./sync-distribution-rights";

const PAGE = 200;

/**
 * Every night, members whose rights rest on tasks or a membership are checked again: check-in days fall
 * out of the window and memberships run out with no event of the member's own. One transaction per
 * member keeps locks short; the job is idempotent (an unchanged standing writes nothing).
 */
export const recheckDistributionRights = defineSchedule({
  name: "distribution.recheckRights",
  every: { dailyAt: "00:10" },
  async run(ctx) {
    const now = ctx.clock.now();
    let after: string | null = null;
    let revoked = 0;
    for (;;) {
      const page = await membersOnLapsingPaths(ctx.db, PAGE, after);
      for (const userId of page) {
        const r = await ctx.db.transaction((tx) => syncDistributionRights(tx, userId, now, { reason: "schedule", timeZone: ctx.config.platformTimeZone }));
        if (r.changed && r.to === null) revoked++;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!;
    }
    if (revoked > 0) ctx.logger.info({ revoked }, "distribution rights lapsed");
  },
});

/** Periodic jobs of the rights engine (registered in server/jobs/schedules.ts). */
export const rightsSchedules: Schedule[] = [recheckDistributionRights];
