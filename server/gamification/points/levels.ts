import { asc, eq, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { levelHistory, levels, userLevels } from "../../../db/schema";
import { emitEvent } from "../../jobs/emit-event";
import { balanceOf, userAccount } from "../../ledger";
import { rowsOf } from "../../shared/sql-rows";

export interface LevelDefinition {
  level: number;
  nameZh: string;
  nameEn: string;
  minGrowth: number;
  dailyCapBonus: number;
  multiplierBp: number;
  perksZh: string;
  perksEn: string;
}

/** The level table, lowest first. */
export async function listLevels(db: Queryable): Promise<LevelDefinition[]> {
  return db
    .select({
      level: levels.level,
      nameZh: levels.nameZh,
      nameEn: levels.nameEn,
      minGrowth: levels.minGrowth,
      dailyCapBonus: levels.dailyCapBonus,
      multiplierBp: levels.multiplierBp,
      perksZh: levels.perksZh,
      perksEn: levels.perksEn,
    })
    .from(levels)
    .orderBy(asc(levels.level));
}

/** The highest level whose threshold the growth reaches (V1 when the table is empty). */
export function levelForGrowth(table: LevelDefinition[], growth: number): number {
  let found = 1;
  for (const l of table) if (growth >= l.minGrowth) found = Math.max(found, l.level);
  return found;
}

/** A member's current level and its perks (V1 until their first growth). */
export async function currentLevelOf(db: Queryable, userId: string): Promise<{ level: number; dailyCapBonus: number; multiplierBp: number }> {
  const [row] = await db
    .select({ level: levels.level, dailyCapBonus: levels.dailyCapBonus, multiplierBp: levels.multiplierBp })
    .from(userLevels)
    .innerJoin(levels, eq(levels.level, userLevels.level))
    .where(eq(userLevels.userId, userId));
  if (row) return row;
  const [v1] = await db.select({ level: levels.level, dailyCapBonus: levels.dailyCapBonus, multiplierBp: levels.multiplierBp }).from(levels).where(eq(levels.level, 1));
  return v1 ?? { level: 1, dailyCapBonus: 0, multiplierBp: 10_000 };
}

/**
 * Moves a member to the level their growth balance earns, recording the change in level_history and
 * emitting `gamification.level.changed` (the celebration and the notification react to it). Growth is
 * only reversed for refunds and fraud, so a level can also go down; the event says which way.
 * Call it in the transaction that moved their growth, after the posting.
 */
export async function syncLevel(tx: Queryable, userId: string, entryId: string | null, now: Date): Promise<{ from: number; to: number } | null> {
  const growth = await balanceOf(tx, userAccount(userId, "growth"));
  return moveToLevelFor(tx, { userId, growth, table: await listLevels(tx), entryId, now });
}

/**
 * syncLevel once the member's growth balance (read after the posting, under its row lock) and the level
 * table are in hand — the batch award path has both already.
 */
export async function moveToLevelFor(
  tx: Queryable,
  input: { userId: string; growth: number; table: LevelDefinition[]; entryId: string | null; now: Date },
): Promise<{ from: number; to: number } | null> {
  const { userId, growth, table, entryId, now } = input;
  const target = levelForGrowth(table, growth);
  // Lock (or create) the member's level row so concurrent awards agree on one transition; the no-op
  // update makes the upsert lock an existing row and return it in one round trip.
  const [locked] = rowsOf<{ level: number }>(
    await tx.execute(sql`
      insert into user_levels (user_id, level, reached_at) values (${userId}, 1, ${now.toISOString()}::timestamptz)
      on conflict (user_id) do update set level = user_levels.level
      returning level`),
  );
  const from = Number(locked?.level ?? 1);
  if (from === target) return null;
  await tx.update(userLevels).set({ level: target, reachedAt: now }).where(eq(userLevels.userId, userId));
  await tx.insert(levelHistory).values({ userId, fromLevel: from, toLevel: target, growth, entryId, at: now }).onConflictDoNothing();
  const def = table.find((l) => l.level === target);
  await emitEvent(tx, {
    type: "gamification.level.changed",
    payload: { userId, from, to: target, growth, nameZh: def?.nameZh ?? null, nameEn: def?.nameEn ?? null },
    occurredAt: now,
  });
  return { from, to: target };
}
