import type { RightsPath } from "../../../db/schema";

/** The order paths are tried in: the first satisfied one is the member's path (creator first). */
export const PATH_ORDER: readonly RightsPath[] = ["creator", "tasks", "membership", "staff"];

export type RequirementKey = "creatorRole" | "checkinDays" | "purchaseCents" | "membershipPlan" | "staffRole";

/** One condition of a path: what the member has, what it needs, and how much is missing. */
export interface Requirement {
  key: RequirementKey;
  have: number;
  need: number;
  met: boolean;
  /** need − have, never below zero (days, cents, or 1 for a yes/no condition not met). */
  missing: number;
}

export interface PathStanding {
  path: RightsPath;
  /** Switched off by staff (the path grants nothing then). */
  enabled: boolean;
  satisfied: boolean;
  requirements: Requirement[];
}

export function requirement(key: RequirementKey, have: number, need: number): Requirement {
  return { key, have, need, met: have >= need, missing: Math.max(need - have, 0) };
}

/** A yes/no condition, as 0 or 1 of 1. */
export const condition = (key: RequirementKey, holds: boolean): Requirement => requirement(key, holds ? 1 : 0, 1);

export function standing(path: RightsPath, enabled: boolean, requirements: Requirement[]): PathStanding {
  return { path, enabled, satisfied: enabled && requirements.every((r) => r.met), requirements };
}

/** The path that grants rights: the first satisfied in PATH_ORDER, or null. */
export function grantingPath(paths: readonly PathStanding[]): RightsPath | null {
  for (const path of PATH_ORDER) if (paths.find((p) => p.path === path)?.satisfied) return path;
  return null;
}

/** The first platform-local date of a window of `days` days ending today (inclusive). */
export function windowStart(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return d.toISOString().slice(0, 10);
}
