import { TIER_COLOURS, badgeIconPaths } from "../../../server/gamification/badges/icons";

type Tier = keyof typeof TIER_COLOURS;

/**
 * A badge drawn as a round medal in its tier's colours, with its icon. Unearned badges are greyed
 * out. Decorative: the name next to it says what it is.
 */
export function BadgeMedal({ icon, tier, size = 56, earned = true }: { icon: string; tier: Tier; size?: number; earned?: boolean }) {
  const c = TIER_COLOURS[tier] ?? TIER_COLOURS.bronze;
  return (
    <svg
      className={`badge-medal badge-medal-${tier}${earned ? "" : " badge-medal-locked"}`}
      width={size}
      height={size}
      viewBox="0 0 48 48"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="24" cy="24" r="21.5" fill={c.fill} stroke={c.ring} strokeWidth="3" />
      <circle cx="24" cy="24" r="17" fill="none" stroke={c.ring} strokeWidth="0.8" strokeDasharray="2 2" opacity="0.7" />
      <g transform="translate(12 12)" fill="none" stroke={c.ink} strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round">
        {badgeIconPaths(icon).map((d) => (
          <path key={d} d={d} />
        ))}
      </g>
    </svg>
  );
}
