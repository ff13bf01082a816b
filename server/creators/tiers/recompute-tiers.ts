import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import { rowsOf } from "../../shared/sql-rows";
import { evaluateCreatorTier } from "./evaluate-creator-tier";
import { readTierSettings } from "./settings";

const PAGE = 200;

/**
 * Re-rates every creator (the daily job; the demo seed and tests call it too). One short transaction per
 * creator, in id order by pages, so a run that dies part-way is simply finished by the next.
 */
export async function recomputeCreatorTiers(ctx: Pick<AppContext, "db" | "clock">): Promise<{ evaluated: number; changed: number }> {
  const now = ctx.clock.now();
  const settings = await readTierSettings(ctx.db);
  let after = "00000000-0000-0000-0000-000000000000";
  let evaluated = 0;
  let changed = 0;
  for (;;) {
    const ids = rowsOf<{ user_id: string }>(
      await ctx.db.execute(sql`select user_id from user_roles where role = 'creator' and user_id > ${after}::uuid order by user_id limit ${PAGE}`),
    ).map((r) => r.user_id);
    for (const id of ids) {
      const r = await ctx.db.transaction((tx) => evaluateCreatorTier(tx, id, now, settings));
      evaluated++;
      if (r.decision.kind !== "unchanged" && r.decision.kind !== "graceUpdated") changed++;
    }
    if (ids.length < PAGE) break;
    after = ids[ids.length - 1]!;
  }
  return { evaluated, changed };
}
