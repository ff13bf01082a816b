import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";

/**
 * Serialises one member's check-in writes (today's check-in, a make-up fill, a card bought) until the
 * transaction ends. The unique (user_id, local_date) index alone decides whether a day is checked in;
 * the lock is for the streaks: a fill rewrites the streaks of the days after it, and a check-in
 * counts on from yesterday's, so neither may run on a snapshot the other is about to change. Other
 * members never wait on it.
 */
export async function lockMemberCheckins(tx: Queryable, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('gamification.checkin'), hashtext(${userId}))`);
}
