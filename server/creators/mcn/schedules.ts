import { defineSchedule, type Schedule } from "../../jobs/schedule";
import { endDueContracts } from "./give-contract-notice";

/** Every hour, contracts whose notice or term has run out end, and stale invitations expire. */
export const endMcnContracts = defineSchedule({
  name: "creators.mcn.endContracts",
  every: "1h",
  async run(ctx) {
    const ended = await endDueContracts(ctx);
    if (ended > 0) ctx.logger.info({ ended }, "mcn contracts ended");
  },
});

export const mcnSchedules: Schedule[] = [endMcnContracts];
