import { defineSchedule, type Schedule } from "../../jobs/schedule";
import { backfillBadges } from "./backfill";

/** Nightly, when the community is quiet: grant whatever the event-driven grants missed. */
export const badgesBackfill = defineSchedule({
  name: "gamification.badgesBackfill",
  every: { dailyAt: "03:30" },
  async run({ db, clock, logger }) {
    const result = await backfillBadges(db, clock.now());
    if (result.granted > 0) logger.info(result, "badge backfill granted missing badges");
  },
});

/** Periodic jobs of the badges area (registered in server/jobs/schedules.ts through ../schedules.ts). */
export const badgesSchedules: Schedule[] = [badgesBackfill];
