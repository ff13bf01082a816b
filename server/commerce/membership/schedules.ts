import { defineSchedule, type Schedule } from "../../jobs/schedule";
import { expireMemberships } from "./expire-memberships";
import { grantMonthlyMembershipPoints } from "./grant-monthly-points";

/** Every five minutes, periods whose time is up end (and tell the rights engine). */
export const expireMembershipsSchedule = defineSchedule({
  name: "commerce.expireMemberships",
  every: "5m",
  async run(ctx) {
    const now = ctx.clock.now();
    for (;;) {
      const ended = await ctx.db.transaction((tx) => expireMemberships(tx, now));
      if (ended < 500) break;
    }
  },
});

/**
 * Early each platform-local day, running memberships get their monthly points if this month's are not
 * paid yet: the first run of a month pays everyone, a membership that starts mid-month is paid the
 * next morning, and a missed day catches up on the next.
 */
export const membershipMonthlyPointsSchedule = defineSchedule({
  name: "commerce.membershipMonthlyPoints",
  every: { dailyAt: "00:20" },
  async run(ctx) {
    const granted = await ctx.db.transaction((tx) => grantMonthlyMembershipPoints(tx, ctx.clock.now(), ctx.config.platformTimeZone));
    if (granted > 0) ctx.logger.info({ granted }, "membership monthly points granted");
  },
});

/** Periodic jobs of memberships (registered in server/jobs/schedules.ts). */
export const membershipSchedules: Schedule[] = [expireMembershipsSchedule, membershipMonthlyPointsSchedule];
