import { sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { userStats } from "../../../db/schema";

type Counter = "followerCount" | "followingCount" | "likesReceived" | "favoritesReceived";

/**
 * Adds `delta` to one of a member's denormalised counters, creating their user_stats row on first
 * use. Runs in the transaction that inserts or deletes the source row, so the counter moves exactly
 * when the row does. A new row starts at max(delta, 0) because the CHECK (≥ 0) applies to the row an
 * INSERT proposes even when it then conflicts.
 */
export async function addToUserStat(tx: Transaction, userId: string, counter: Counter, delta: 1 | -1): Promise<number> {
  const column = userStats[counter];
  const [row] = await tx
    .insert(userStats)
    .values({ userId, [counter]: Math.max(delta, 0) })
    .onConflictDoUpdate({ target: userStats.userId, set: { [counter]: sql`greatest(${column} + ${delta}, 0)` } })
    .returning({ value: column });
  return row!.value;
}
