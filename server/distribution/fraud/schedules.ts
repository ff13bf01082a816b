import { defineSchedule, type Schedule } from "../../jobs/schedule";
import { detectClickFloods } from "./detect-signals";

/** Every ten minutes, the last hour's clicks are looked at for floods from one address. */
export const clickFloodSchedule = defineSchedule({
  name: "distribution.clickFloods",
  every: "10m",
  async run(ctx) {
    const flagged = await ctx.db.transaction((tx) => detectClickFloods(tx, ctx.clock.now()));
    if (flagged.length > 0) ctx.logger.warn({ creators: flagged.length }, "click floods flagged");
  },
});

/** Periodic jobs of the fraud signals (registered in server/jobs/schedules.ts). */
export const fraudSchedules: Schedule[] = [clickFloodSchedule];
