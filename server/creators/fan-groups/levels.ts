/**
 * Fan levels (粉丝等级) from interaction points: a like on the creator's note is worth 1, a comment 3
 * (a comment takes more effort and says more). Fixed here rather than staff-editable: the levels are a
 * badge of closeness, not a currency, and nothing is paid by them.
 */
export const INTERACTION_POINTS = { like: 1, comment: 3 } as const;

/** Minimum points for levels 1…5. */
export const FAN_LEVEL_THRESHOLDS = [0, 10, 30, 80, 200] as const;

export function fanLevelFor(points: number): number {
  let level = 1;
  FAN_LEVEL_THRESHOLDS.forEach((min, i) => {
    if (points >= min) level = i + 1;
  });
  return level;
}

/** The SQL twin of fanLevelFor, so an UPDATE can move points and level in one statement. */
export const fanLevelCase = (pointsExpr: string) =>
  `case ${FAN_LEVEL_THRESHOLDS.map((min, i) => [min, i + 1] as const)
    .reverse()
    .map(([min, level]) => `when ${pointsExpr} >= ${min} then ${level}`)
    .join(" ")} else 1 end`;
