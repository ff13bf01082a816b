/**
 * The factor (basis points) a curation applies at `now`: its weight at the start, back to 10000 (no
 * effect) in a straight line over `decayDays`. The score job computes the same thing in SQL
 * (curationFactorSql); this copy is for what staff see.
 */
export function currentWeightBp(c: { weightBp: number; startsAt: Date; decayDays: number; endedAt: Date | null }, now: Date): number {
  if (c.endedAt) return 10_000;
  const elapsedDays = Math.max(0, (now.getTime() - c.startsAt.getTime()) / 86_400_000);
  const left = Math.max(0, 1 - elapsedDays / c.decayDays);
  return Math.round(10_000 + (c.weightBp - 10_000) * left);
}
