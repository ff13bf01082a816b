import { and, eq, isNull } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { fraudFlags } from "../../../db/schema";

/** Whether the member has an open fraud flag: their payouts then wait for staff. */
export async function isFlagged(db: Queryable, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: fraudFlags.id })
    .from(fraudFlags)
    .where(and(eq(fraudFlags.userId, userId), isNull(fraudFlags.resolvedAt)))
    .limit(1);
  return Boolean(row);
}
