import { describe, expect, it } from "vitest";
import { splitRefund } from "../../server/commerce/orders/rules";

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("splitRefund: a refund spread over an order's lines (largest remainder)", () => {
  it("splits ¥10.00 over lines of ¥33.33, ¥33.33 and ¥33.34 into whole cents that add up", () => {
    const shares = splitRefund(
      [
        { lineId: "a", remainingCents: 3_333 },
        { lineId: "b", remainingCents: 3_333 },
        { lineId: "c", remainingCents: 3_334 },
      ],
      1_000,
    );
    expect(shares).toEqual([
      { lineId: "a", refundedCents: 333 },
      { lineId: "b", refundedCents: 333 },
      { lineId: "c", refundedCents: 334 },
    ]);
  });

  it("gives a leftover cent to the larger fraction, and on a tie to the earlier line", () => {
    expect(splitRefund([{ lineId: "a", remainingCents: 1 }, { lineId: "b", remainingCents: 1 }], 1)).toEqual([
      { lineId: "a", refundedCents: 1 },
      { lineId: "b", refundedCents: 0 },
    ]);
  });

  it("refuses more than is left", () => {
    expect(() => splitRefund([{ lineId: "a", remainingCents: 10 }], 11)).toThrow(RangeError);
  });

  it("for 5,000 random orders and refunds: integer shares, exact sum, within each line, proportional to within a cent", () => {
    for (let seed = 1; seed <= 5_000; seed++) {
      const random = rng(seed);
      const lines = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) => ({ lineId: `l${i}`, remainingCents: Math.floor(random() * 200_000) }));
      const total = lines.reduce((s, l) => s + l.remainingCents, 0);
      const amount = Math.floor(random() * (total + 1));
      const shares = splitRefund(lines, amount);
      expect(shares.reduce((s, x) => s + x.refundedCents, 0), `seed ${seed}`).toBe(amount);
      shares.forEach((share, i) => {
        expect(Number.isInteger(share.refundedCents)).toBe(true);
        expect(share.refundedCents).toBeGreaterThanOrEqual(0);
        expect(share.refundedCents, `seed ${seed}`).toBeLessThanOrEqual(lines[i]!.remainingCents);
        const exact = total === 0 ? 0 : (amount * lines[i]!.remainingCents) / total;
        expect(Math.abs(share.refundedCents - exact), `seed ${seed}`).toBeLessThan(1);
      });
    }
  });

  it("successive partial refunds never give back more than a line had, and end at exactly the total", () => {
    for (let seed = 1; seed <= 500; seed++) {
      const random = rng(seed);
      const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => ({ lineId: `l${i}`, total: 1 + Math.floor(random() * 50_000), refunded: 0 }));
      const orderTotal = lines.reduce((s, l) => s + l.total, 0);
      let refunded = 0;
      while (refunded < orderTotal) {
        const left = orderTotal - refunded;
        const amount = random() < 0.3 ? left : 1 + Math.floor(random() * left);
        const shares = splitRefund(lines.map((l) => ({ lineId: l.lineId, remainingCents: l.total - l.refunded })), amount);
        shares.forEach((s, i) => (lines[i]!.refunded += s.refundedCents));
        refunded += amount;
        lines.forEach((l) => expect(l.refunded).toBeLessThanOrEqual(l.total));
      }
      lines.forEach((l) => expect(l.refunded, `seed ${seed}`).toBe(l.total));
    }
  });
});
