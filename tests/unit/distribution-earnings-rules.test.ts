import { describe, expect, it } from "vitest";
import { commissionFor, reversalFor, reversedTotalFor, splitWithMcn } from "../../server/distribution/commissions/rules";

/** A small seeded generator (mulberry32), so a failing case is the same case on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

describe("commission amount", () => {
  it("is the floor of line total × rate × tier, in cents", () => {
    expect(commissionFor(25_800, 1_000, 10_000)).toBe(2_580);
    expect(commissionFor(999, 1_234, 10_000)).toBe(123); // 123.2766
    expect(commissionFor(9_999, 1_000, 10_000)).toBe(999); // 999.9, never rounded up
    expect(commissionFor(9_999, 1_000, 15_000)).toBe(1_499); // ×1.5: 1,499.85
    expect(commissionFor(0, 1_000, 10_000)).toBe(0);
    expect(commissionFor(12_900, 0, 10_000)).toBe(0);
  });

  it("stays exact beyond a double's integer range and never exceeds the exact product", () => {
    // ¥10,000,000 at 100 % × 3.0: the intermediate product is 3·10^17.
    expect(commissionFor(1_000_000_000, 10_000, 30_000)).toBe(3_000_000_000);
    const r = random(7);
    for (let i = 0; i < 5_000; i++) {
      const total = r.int(1, 100_000_000);
      const rate = r.int(0, 10_000);
      const tier = r.int(5_000, 30_000);
      const c = commissionFor(total, rate, tier);
      const exact = (BigInt(total) * BigInt(rate) * BigInt(tier));
      // c ≤ exact / 10^8 < c + 1
      expect(BigInt(c) * 100_000_000n <= exact).toBe(true);
      expect(BigInt(c + 1) * 100_000_000n > exact).toBe(true);
    }
  });

  it("splits with an MCN so the two parts add up to the commission, the rounding cent staying with the creator", () => {
    expect(splitWithMcn(999, 3_000)).toEqual({ creatorCents: 700, mcnCents: 299 });
    expect(splitWithMcn(1_000, 0)).toEqual({ creatorCents: 1_000, mcnCents: 0 });
    const r = random(11);
    for (let i = 0; i < 2_000; i++) {
      const c = r.int(0, 10_000_000);
      const { creatorCents, mcnCents } = splitWithMcn(c, r.int(0, 10_000));
      expect(creatorCents + mcnCents).toBe(c);
      expect(mcnCents).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("reversal of refunded commission", () => {
  it("reverses in proportion to the refunded share, floored, and the whole amount at a full refund", () => {
    expect(reversedTotalFor(999, 9_999, 3_333)).toBe(333);
    expect(reversedTotalFor(999, 9_999, 9_999)).toBe(999);
    expect(reversedTotalFor(100, 300, 1)).toBe(0);
    expect(reversalFor({ amountCents: 999, lineTotalCents: 9_999, refundedBeforeCents: 3_333, refundedNowCents: 3_333, reversedBeforeCents: 333, full: false })).toBe(333);
    expect(reversalFor({ amountCents: 999, lineTotalCents: 9_999, refundedBeforeCents: 0, refundedNowCents: 1, reversedBeforeCents: 0, full: true })).toBe(999);
  });

  it("never reverses more than the amount, whatever the sequence of partial refunds, and a final full refund takes exactly the rest", () => {
    const r = random(42);
    for (let i = 0; i < 3_000; i++) {
      const lineTotal = r.int(1, 5_000_000);
      const amount = commissionFor(lineTotal, r.int(0, 10_000), 10_000);
      let refunded = 0;
      let reversed = 0;
      const steps = r.int(1, 8);
      for (let s = 0; s < steps && refunded < lineTotal; s++) {
        const now = r.int(1, lineTotal - refunded);
        const rev = reversalFor({ amountCents: amount, lineTotalCents: lineTotal, refundedBeforeCents: refunded, refundedNowCents: now, reversedBeforeCents: reversed, full: false });
        expect(rev).toBeGreaterThanOrEqual(0);
        refunded += now;
        reversed += rev;
        expect(reversed).toBeLessThanOrEqual(amount);
        // Always the cumulative proportion: independent of how the refunds were split up.
        expect(reversed).toBe(reversedTotalFor(amount, lineTotal, refunded));
      }
      const rest = reversalFor({ amountCents: amount, lineTotalCents: lineTotal, refundedBeforeCents: refunded, refundedNowCents: lineTotal - refunded, reversedBeforeCents: reversed, full: true });
      expect(reversed + rest).toBe(amount);
      // A redelivered full refund after that reverses nothing more.
      expect(reversalFor({ amountCents: amount, lineTotalCents: lineTotal, refundedBeforeCents: lineTotal, refundedNowCents: 0, reversedBeforeCents: amount, full: true })).toBe(0);
    }
  });
});
