import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { rowsOf } from "../../shared/sql-rows";

/**
 * The streak still alive on `today` (platform-local YYYY-MM-DD): the streak of today's check-in, or of
 * yesterday's when today has none yet (the member can still keep it going); 0 otherwise.
 *
 * Each check-in row stores the streak as of its day, and a make-up fill rewrites the rows after it (see
 * apply-makeup-card.ts), so one indexed read answers this.
 */
export async function currentStreakOf(db: Queryable, userId: string, today: string): Promise<number> {
  const [row] = rowsOf<{ streak: number }>(
    await db.execute(sql`
      select streak from checkins
      where user_id = ${userId} and local_date between ${today}::date - 1 and ${today}::date
      order by local_date desc limit 1`),
  );
  return row ? Number(row.streak) : 0;
}
