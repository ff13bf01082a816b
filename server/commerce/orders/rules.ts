import { randomBytes } from "node:crypto";

/*
 * Pure rules of orders: no I/O, unit-tested.
 */

/** Crockford-style: no 0/O, 1/I/L, U — easy to read out over the phone. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A human-readable order number: SB + the platform-local date + 6 random characters (e.g. SB20261130-4F7Q2K). */
export function orderNumberOf(localDate: string, bytes: Buffer = randomBytes(6)): string {
  let suffix = "";
  for (let i = 0; i < 6; i++) suffix += ALPHABET[bytes[i]! % ALPHABET.length];
  return `SB${localDate.replaceAll("-", "")}-${suffix}`;
}

export interface RefundableLine {
  lineId: string;
  /** What is still refundable on the line: its total less what earlier refunds took. */
  remainingCents: number;
}

/**
 * Spreads a refund over an order's lines in proportion to what each line still has refundable.
 *
 * Rounding rule (largest remainder): each line first gets floor(amount × remaining / totalRemaining);
 * the cents left over go one at a time to the lines with the largest fractional parts, ties to the
 * earlier line. So the shares are integers, sum exactly to `amountCents`, and no line gives back more
 * than it has left (its exact share is ≤ its remaining, so rounding up never crosses it).
 *
 * `amountCents` must be between 1 and the sum of remaining; the caller checks.
 */
export function splitRefund(lines: RefundableLine[], amountCents: number): { lineId: string; refundedCents: number }[] {
  const total = lines.reduce((s, l) => s + l.remainingCents, 0);
  if (!Number.isInteger(amountCents) || amountCents < 0 || amountCents > total) throw new RangeError(`refund ${amountCents} outside 0..${total}`);
  if (total === 0) return lines.map((l) => ({ lineId: l.lineId, refundedCents: 0 }));
  // BigInt keeps amount × remaining exact even for bigint-sized orders.
  const shares = lines.map((l, index) => {
    const product = BigInt(amountCents) * BigInt(l.remainingCents);
    const floor = Number(product / BigInt(total));
    const remainder = Number(product % BigInt(total));
    return { lineId: l.lineId, index, floor, remainder, cap: l.remainingCents };
  });
  let left = amountCents - shares.reduce((s, x) => s + x.floor, 0);
  const byRemainder = [...shares].sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const share of byRemainder) {
    if (left === 0) break;
    if (share.remainder > 0 && share.floor < share.cap) {
      share.floor += 1;
      left -= 1;
    }
  }
  return shares.map((s) => ({ lineId: s.lineId, refundedCents: s.floor }));
}

/** When the holding period of an order paid at `paidAt` ends. */
export function confirmableAtOf(paidAt: Date, holdingDays: number): Date {
  return new Date(paidAt.getTime() + holdingDays * 86_400_000);
}
