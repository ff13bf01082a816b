import { eq } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { creatorTiers } from "../../../db/schema";
import { readTierSettings } from "./settings";

/** The commission multiplier (basis points) of the creator's current tier; C1's for a creator not yet rated. */
export async function tierMultiplierBpOf(db: Queryable, creatorId: string): Promise<number> {
  // One query after the other: callers pass their transaction, which runs one statement at a time.
  const [row] = await db.select({ tier: creatorTiers.tier }).from(creatorTiers).where(eq(creatorTiers.userId, creatorId));
  const settings = await readTierSettings(db);
  return settings.multipliersBp[row?.tier ?? "C1"];
}
