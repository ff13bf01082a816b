import { eq } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { creatorTiers } from "../../../db/schema";
import { readTierSettings } from "./settings";

/** The commission multiplier (basis points) of the creator's current tier; C1's for a creator not yet rated. */
export async function tierMultiplierBpOf(db: Queryable, creatorId: string): Promise<number> {
  const [[row], settings] = await Promise.all([db.select({ tier: creatorTiers.tier }).from(creatorTiers).where(eq(creatorTiers.userId, creatorId)), readTierSettings(db)]);
  return settings.multipliersBp[row?.tier ?? "C1"];
}
