import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { rowsOf } from "../../shared/sql-rows";

/**
 * A member's unused make-up cards, and the cards they used in one platform-local month (`YYYY-MM`):
 * the monthly cap counts uses by the day the card was used, not the day it filled.
 */
export async function makeupCardCounts(db: Queryable, userId: string, month: string, timeZone: string) {
  const [row] = rowsOf<{ available: number; used: number }>(
    await db.execute(sql`
      select count(*) filter (where used_at is null)::int as available,
             count(*) filter (where used_at is not null
               and to_char(used_at at time zone ${timeZone}, 'YYYY-MM') = ${month})::int as used
      from makeup_cards where user_id = ${userId}`),
  );
  return { available: Number(row?.available ?? 0), usedThisMonth: Number(row?.used ?? 0) };
}
