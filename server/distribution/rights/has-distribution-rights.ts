import { and, eq, isNotNull } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { distributionRights } from "../../../db/schema";

/** Whether the member may create distribution links now (the eligibility engine keeps distribution_rights current). */
export async function hasDistributionRights(db: Queryable, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ path: distributionRights.path })
    .from(distributionRights)
    .where(and(eq(distributionRights.userId, userId), isNotNull(distributionRights.path)));
  return Boolean(row);
}
