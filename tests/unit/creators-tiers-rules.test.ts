import { describe, expect, it } from "vitest";
import { decideTier, earnedTier, progressToward, shortfallFor } from "../../server/creators/tiers/rules";
import { DEFAULT_TIER_SETTINGS as S } from "../../server/creators/tiers/settings";

const at = new Date("2026-11-20T00:00:00Z");
const DAY = 86_400_000;
const stats = (o: Partial<{ followers: number; engagement30d: number; fanGroupSize: number; gmv30dCents: number }> = {}) => ({ followers: 0, engagement30d: 0, fanGroupSize: 0, gmv30dCents: 0, ...o });

describe("creator tier rules", () => {
  it("needs the followers and any one of engagement, fan group or GMV", () => {
    expect(earnedTier(stats({ followers: 499, engagement30d: 5_000 }), S)).toBe("C1");
    expect(earnedTier(stats({ followers: 500 }), S)).toBe("C1");
    expect(earnedTier(stats({ followers: 500, gmv30dCents: 200_000 }), S)).toBe("C2");
    expect(earnedTier(stats({ followers: 5_000, fanGroupSize: 1_000 }), S)).toBe("C3");
    expect(earnedTier(stats({ followers: 60_000, engagement30d: 100_000 }), S)).toBe("C4");
  });

  it("says exactly what is missing, and how far along the best path is", () => {
    const s = stats({ followers: 4_000, engagement30d: 8_000, gmv30dCents: 1_700_000 });
    expect(shortfallFor(s, "C3", S)).toEqual({ followers: 1_000, engagement30d: 2_000, fanGroupSize: 1_000, gmv30dCents: 300_000 });
    expect(shortfallFor(s, "C1", S)).toBeNull();
    expect(progressToward(s, S.thresholds.C3)).toBeCloseTo(0.8);
  });

  it("promotes at once, starts one grace on a fall, demotes only after it, and cancels it on recovery", () => {
    const c3 = { tier: "C3" as const, pendingTier: null, demoteAfter: null, warningSentAt: null };
    expect(decideTier(null, "C2", at, 14)).toEqual({ kind: "initial", tier: "C2" });
    expect(decideTier(c3, "C4", at, 14)).toEqual({ kind: "promoted", from: "C3", to: "C4" });
    expect(decideTier(c3, "C3", at, 14)).toEqual({ kind: "unchanged" });
    expect(decideTier(c3, "C2", at, 14)).toEqual({ kind: "graceStarted", tier: "C3", pendingTier: "C2", demoteAfter: new Date(at.getTime() + 14 * DAY) });
    const graced = { ...c3, pendingTier: "C2" as const, demoteAfter: new Date(at.getTime() + 14 * DAY), warningSentAt: at };
    expect(decideTier(graced, "C2", new Date(at.getTime() + 13 * DAY), 14)).toEqual({ kind: "unchanged" });
    expect(decideTier(graced, "C1", new Date(at.getTime() + 13 * DAY), 14)).toEqual({ kind: "graceUpdated", pendingTier: "C1" });
    expect(decideTier(graced, "C3", new Date(at.getTime() + 13 * DAY), 14)).toEqual({ kind: "graceCancelled", tier: "C3" });
    expect(decideTier(graced, "C2", new Date(at.getTime() + 14 * DAY), 14)).toEqual({ kind: "demoted", from: "C3", to: "C2" });
  });
});
