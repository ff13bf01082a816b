import { z } from "zod";
import type { Queryable } from "../../../db/client";
import { readSetting } from "../../ops";
import { localDate, zonedMidnight } from "../../shared/clock";

export { zonedMidnight };

/** How points expire: never, N days after earning, or at the end of the year after the one earned in. */
export const expiryPolicySchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("never") }),
  z.object({ mode: z.literal("days"), days: z.number().int().min(1).max(3650) }),
  z.object({ mode: z.literal("endOfNextYear") }),
]);
export type ExpiryPolicy = z.infer<typeof expiryPolicySchema>;

export const pointsPolicySchema = z.object({
  /** Points one member may earn from rules in one platform-local day, before their level's bonus. */
  globalDailyCap: z.number().int().min(0).max(1_000_000),
  expiry: expiryPolicySchema,
  /** Members hear about expiring points this many days before. */
  reminderDays: z.number().int().min(1).max(365),
});
export type PointsPolicy = z.infer<typeof pointsPolicySchema>;

export const POINTS_POLICY_KEY = "gamification.points";
export const DEFAULT_POINTS_POLICY: PointsPolicy = { globalDailyCap: 200, expiry: { mode: "never" }, reminderDays: 30 };

export function readPointsPolicy(db: Queryable): Promise<PointsPolicy> {
  return readSetting(db, POINTS_POLICY_KEY, pointsPolicySchema, DEFAULT_POINTS_POLICY);
}

/**
 * When points earned at `earnedAt` expire under the policy (null: never). "End of next year" is the
 * last instant of 31 December of the following platform-local year.
 */
export function expiresAtFor(earnedAt: Date, policy: ExpiryPolicy, timeZone: string): Date | null {
  if (policy.mode === "never") return null;
  if (policy.mode === "days") return new Date(earnedAt.getTime() + policy.days * 86_400_000);
  const earnedYear = Number(localDate(earnedAt, timeZone).slice(0, 4));
  // Midnight of 1 January two years on, in the platform zone, minus a millisecond.
  return new Date(zonedMidnight(earnedYear + 2, 1, 1, timeZone).getTime() - 1);
}
