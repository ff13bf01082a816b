/**
 * Pure level rules: where a member stands between two thresholds, and whether a level table staff
 * submitted is usable. No I/O, so pages, the API and tests share one answer.
 */
import type { LevelDefinition } from "./levels";

export interface LevelProgress {
  level: number;
  nameZh: string;
  nameEn: string;
  growth: number;
  /** The threshold of the member's current level. */
  levelAt: number;
  /** The next level, or null at the top. */
  nextLevel: number | null;
  nextNameZh: string | null;
  nextNameEn: string | null;
  /** Growth the next level needs in total (null at the top). */
  nextLevelAt: number | null;
  /** Growth still missing to the next level (0 at the top). */
  remaining: number;
  /** 0–100, the share of the way from this level's threshold to the next (100 at the top). */
  percent: number;
}

/** A member's progress by growth over the level table (lowest first). `level` is their recorded level. */
export function levelProgress(table: readonly LevelDefinition[], growth: number, level?: number): LevelProgress {
  const sorted = [...table].sort((a, b) => a.level - b.level);
  const reached = sorted.filter((l) => growth >= l.minGrowth).at(-1);
  const current = sorted.find((l) => l.level === level) ?? reached ?? sorted[0];
  const next = sorted.find((l) => l.level > (current?.level ?? 1)) ?? null;
  const levelAt = current?.minGrowth ?? 0;
  const span = next ? next.minGrowth - levelAt : 0;
  const percent = next ? Math.max(0, Math.min(100, Math.floor(((growth - levelAt) * 100) / Math.max(span, 1)))) : 100;
  return {
    level: current?.level ?? 1,
    nameZh: current?.nameZh ?? "",
    nameEn: current?.nameEn ?? "",
    growth,
    levelAt,
    nextLevel: next?.level ?? null,
    nextNameZh: next?.nameZh ?? null,
    nextNameEn: next?.nameEn ?? null,
    nextLevelAt: next?.minGrowth ?? null,
    remaining: next ? Math.max(0, next.minGrowth - growth) : 0,
    percent,
  };
}

/**
 * Field errors for a level table as it would be after an edit: V1 starts at 0 growth and each level
 * needs strictly more growth than the one below it (otherwise a member could sit in two levels).
 * Keys name the edited field (`minGrowth`), so a form shows the message next to it.
 */
export function levelTableErrors(table: readonly Pick<LevelDefinition, "level" | "minGrowth">[]): Record<string, string[]> {
  const sorted = [...table].sort((a, b) => a.level - b.level);
  if (sorted[0] && sorted[0].level === 1 && sorted[0].minGrowth !== 0) return { minGrowth: ["points.level.firstAtZero"] };
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.minGrowth <= sorted[i - 1]!.minGrowth) return { minGrowth: ["points.level.increasing"] };
  }
  return {};
}
