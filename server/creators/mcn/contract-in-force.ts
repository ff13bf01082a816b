import { and, desc, eq, lte, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { mcnContracts } from "../../../db/schema";

/**
 * The contract that covered the creator at `at`: it had started and not yet ended. An order paid before
 * a contract ended is the MCN's to share even if the event is handled after (the `ended` row still
 * answers for its past). Returns the newest such contract (terms never overlap: one live at a time).
 */
export async function contractInForce(db: Queryable, creatorId: string, at: Date): Promise<{ mcnId: string; shareBp: number } | null> {
  const [row] = await db
    .select({ mcnId: mcnContracts.mcnId, shareBp: mcnContracts.shareBp })
    .from(mcnContracts)
    .where(and(eq(mcnContracts.creatorId, creatorId), lte(mcnContracts.startsAt, at), sql`coalesce(${mcnContracts.endedAt}, ${mcnContracts.endsAt}) > ${at.toISOString()}::timestamptz`, lte(mcnContracts.signedAt, at)))
    .orderBy(desc(mcnContracts.signedAt))
    .limit(1);
  return row ?? null;
}
