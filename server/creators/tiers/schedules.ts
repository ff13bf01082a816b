import { defineSchedule, type Schedule } from "../../jobs/schedule";
import { recomputeCreatorTiers } from "./recompute-tiers";

/** Every night each creator is re-rated: promotions at once, demotions after their grace. */
export const recomputeTiersSchedule = defineSchedule({
  name: "creators.tiers.recompute",
  every: { dailyAt: "02:30" },
  async run(ctx) {
    const r = await recomputeCreatorTiers(ctx);
    ctx.logger.info(r, "creator tiers recomputed");
  },
});

export const tiersSchedules: Schedule[] = [recomputeTiersSchedule];
