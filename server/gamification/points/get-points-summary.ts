import { eq } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { userLevels } from "../../../db/schema";
import { currentStreakOf } from "../checkin";
import { balancesOfOwner } from "../../ledger";
import type { MessageLocale } from "../../shared/messages";
import { listLevels } from "./levels";
import { levelProgress, type LevelProgress } from "./rules";

export interface PointsSummary {
  /** Spendable points (积分). */
  points: number;
  /** Points waiting for an order to confirm. */
  pendingPoints: number;
  /** Growth (成长值), never spent. */
  growth: number;
  /** The check-in streak still alive today. */
  streak: number;
  level: LevelProgress & { name: string };
}

/**
 * What the 我 page, getMe and /me/points show about a member: balances from the ledger's cached
 * balances, their recorded level with the way to the next, and the live check-in streak.
 */
export async function getPointsSummary(db: Queryable, userId: string, options: { today: string; locale: MessageLocale }): Promise<PointsSummary> {
  const [balances, table, [recorded], streak] = await Promise.all([
    balancesOfOwner(db, "user", userId),
    listLevels(db),
    db.select({ level: userLevels.level }).from(userLevels).where(eq(userLevels.userId, userId)),
    currentStreakOf(db, userId, options.today),
  ]);
  const growth = (balances["growth:available"] ?? 0) + (balances["growth:pending"] ?? 0);
  const progress = levelProgress(table, balances["growth:available"] ?? 0, recorded?.level);
  return {
    points: balances["points:available"] ?? 0,
    pendingPoints: balances["points:pending"] ?? 0,
    growth,
    streak,
    level: { ...progress, name: options.locale === "en" ? progress.nameEn : progress.nameZh },
  };
}
