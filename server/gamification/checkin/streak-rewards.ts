import { makeupCards } from "../../../db/schema";
import type { Queryable } from "../../../db/client";
import { awardPoints } from "../points";
import { bonusesReachedAt, earnsMakeupCard } from "./rules";
import type { CheckInSettings } from "./settings";

export interface PaidBonus {
  days: number;
  ruleKey: string;
  points: number;
  growth: number;
}

export interface StreakRewards {
  bonuses: PaidBonus[];
  makeupCardEarned: boolean;
  levelChange: { from: number; to: number } | null;
}

/**
 * What a day's streak earns beyond the base check-in: each bonus rung the streak reaches on that day,
 * and a make-up card on every multiple of `makeupCardEvery`. Both are keyed by member and day
 * (`points:<rule>:<userId>:<localDate>`, `makeup:streak:<userId>:<localDate>`), so a day pays at most
 * once however it came to reach the streak — today's check-in, or a later fill that joined two runs.
 */
export async function payStreakRewards(
  tx: Queryable,
  input: { userId: string; localDate: string; streak: number; settings: CheckInSettings; occurredAt: Date; now: Date; timeZone: string },
): Promise<StreakRewards> {
  const bonuses: PaidBonus[] = [];
  let levelChange: StreakRewards["levelChange"] = null;
  for (const rung of bonusesReachedAt(input.settings.streakBonuses, input.streak)) {
    const result = await awardPoints(tx, {
      userId: input.userId,
      ruleKey: rung.ruleKey,
      idempotencyKey: `points:${rung.ruleKey}:${input.userId}:${input.localDate}`,
      occurredAt: input.occurredAt,
      now: input.now,
      timeZone: input.timeZone,
      memo: { localDate: input.localDate, streak: input.streak },
    });
    if (result.outcome === "awarded") bonuses.push({ days: rung.days, ruleKey: rung.ruleKey, points: result.points, growth: result.growth });
    levelChange = result.levelChange ?? levelChange;
  }
  let makeupCardEarned = false;
  if (earnsMakeupCard(input.streak, input.settings.makeupCardEvery)) {
    const created = await tx
      .insert(makeupCards)
      .values({
        userId: input.userId,
        source: "streak",
        idempotencyKey: `makeup:streak:${input.userId}:${input.localDate}`,
        acquiredAt: input.now,
      })
      .onConflictDoNothing()
      .returning({ id: makeupCards.id });
    makeupCardEarned = created.length > 0;
  }
  return { bonuses, makeupCardEarned, levelChange };
}
