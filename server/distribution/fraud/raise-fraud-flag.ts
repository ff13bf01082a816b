import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import type { FraudKind } from "../../../db/schema";
import { rowsOf } from "../../shared/sql-rows";

/**
 * Raises a flag, or refreshes the details of the member's open flag of that kind: the partial unique
 * index (one open flag per member and kind) decides in the INSERT itself, so a burst of signals — the
 * same order delivered twice, two refunds at once — leaves exactly one open flag. A resolved flag stays
 * in the history and a new signal opens a new one.
 */
export async function raiseFraudFlag(
  tx: Queryable,
  input: { userId: string; kind: FraudKind; details: Record<string, unknown>; now: Date },
): Promise<{ id: string; created: boolean }> {
  const [row] = rowsOf<{ id: string; created: boolean }>(
    await tx.execute(sql`
      insert into fraud_flags (user_id, kind, details, created_at)
      values (${input.userId}::uuid, ${input.kind}, ${JSON.stringify(input.details)}::jsonb, ${input.now.toISOString()}::timestamptz)
      on conflict (user_id, kind) where resolved_at is null
      do update set details = fraud_flags.details || excluded.details
      returning id, (xmax = 0) as created`),
  );
  return { id: row!.id, created: Boolean(row!.created) };
}
