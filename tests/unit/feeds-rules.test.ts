import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "../../server/content/feeds/cursor";
import {
  decayedInterest,
  freshness,
  hotScore,
  normaliseInterests,
  qualityScore,
  recommendedScore,
} from "../../server/content/feeds/rules";

const none = { likes: 0, favorites: 0, comments: 0, shares: 0 };

describe("hot score", () => {
  it("follows (likes + 2·favourites + 3·comments + shares + 1) / (age_hours + 2)^1.5", () => {
    expect(hotScore(none, 0)).toBeCloseTo(1 / Math.pow(2, 1.5), 12);
    expect(hotScore({ likes: 10, favorites: 5, comments: 2, shares: 3 }, 7)).toBeCloseTo((10 + 10 + 6 + 3 + 1) / 27, 12);
  });

  it("lets a fresh lively note outrank an older note with more likes, and decays with age", () => {
    expect(hotScore({ ...none, likes: 50 }, 2)).toBeGreaterThan(hotScore({ ...none, likes: 200 }, 30));
    expect(hotScore({ ...none, likes: 50 }, 10)).toBeLessThan(hotScore({ ...none, likes: 50 }, 1));
    // A note "from the future" (clock skew) scores as if just published.
    expect(hotScore(none, -5)).toBe(hotScore(none, 0));
  });
});

describe("quality score", () => {
  it("stays in [0, 1] and rewards media, a real body and engagement", () => {
    const bare = qualityScore({ mediaCount: 1, isVideo: false, bodyLength: 0, ...none });
    const rich = qualityScore({ mediaCount: 9, isVideo: false, bodyLength: 900, likes: 10_000, favorites: 0, comments: 0, shares: 0 });
    expect(bare).toBeCloseTo(0.0625, 12);
    expect(rich).toBeGreaterThan(0.99);
    expect(rich).toBeLessThanOrEqual(1);
    expect(qualityScore({ mediaCount: 1, isVideo: true, bodyLength: 0, ...none })).toBeCloseTo(0.25, 12);
  });
});

describe("recommended ranking", () => {
  it("halves freshness after 12 hours and interest after 14 days", () => {
    expect(freshness(0)).toBe(1);
    expect(freshness(12)).toBe(0.5);
    expect(decayedInterest(8, 14)).toBeCloseTo(4, 12);
    expect(decayedInterest(8, -1)).toBe(8);
  });

  it("ranks a liked category above a followed author above neither, all else equal", () => {
    const base = { hot: 0.1, quality: 0.3, ageHours: 5 };
    const interest = recommendedScore({ ...base, interest: 1, followed: false });
    const followed = recommendedScore({ ...base, interest: 0, followed: true });
    const plain = recommendedScore({ ...base, interest: 0, followed: false });
    expect(interest).toBeGreaterThan(followed);
    expect(followed).toBeGreaterThan(plain);
    expect(recommendedScore({ ...base, interest: 5, followed: false })).toBe(interest);
  });

  it("normalises interests against the strongest, keeps the top 8 and rounds to 3 decimals", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ categoryId: `c${i}`, score: (i + 1) * 1.1 }));
    const top = normaliseInterests([...rows, { categoryId: "zero", score: 0 }]);
    expect(top).toHaveLength(8);
    expect(top[0]).toEqual(["c9", 1]);
    expect(top[1]).toEqual(["c8", 0.9]);
    expect(top.every(([, w]) => Math.round(w * 1000) / 1000 === w)).toBe(true);
    expect(normaliseInterests([])).toEqual([]);
  });
});

describe("cursors", () => {
  const shape = z.strictObject({ tab: z.literal("latest"), id: z.string() });

  it("round-trips through an opaque base64url string", () => {
    const cursor = encodeCursor({ tab: "latest", id: "abc" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(shape, cursor)).toEqual({ tab: "latest", id: "abc" });
  });

  it("rejects garbage, other shapes and tampering as a field error on cursor", () => {
    for (const bad of ["", "!!!", "bm90IGpzb24", encodeCursor({ tab: "hot", id: "abc" }), encodeCursor({ tab: "latest", id: "a", extra: 1 })]) {
      expect(() => decodeCursor(shape, bad), bad).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", fields: { cursor: expect.any(Array) } }));
    }
  });
});
