import { desc, eq } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { levelHistory } from "../../../db/schema";

export interface LevelHistoryItem {
  fromLevel: number;
  toLevel: number;
  growth: number;
  at: string;
}

/** A member's level changes, newest first (the /levels page's history). */
export async function listLevelHistory(db: Queryable, userId: string, limit = 20): Promise<LevelHistoryItem[]> {
  const rows = await db
    .select({ fromLevel: levelHistory.fromLevel, toLevel: levelHistory.toLevel, growth: levelHistory.growth, at: levelHistory.at })
    .from(levelHistory)
    .where(eq(levelHistory.userId, userId))
    .orderBy(desc(levelHistory.at), desc(levelHistory.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
