/*
 * Commission arithmetic: pure functions, no I/O (unit- and property-tested in
 * tests/unit/distribution-earnings-rules.test.ts).
 *
 * The one rounding rule: every amount is the FLOOR of the exact rational value, in integer cents.
 * - commission = ⌊ lineTotalCents × rateBp × tierMultiplierBp / 10,000² ⌋
 * - an MCN's share = ⌊ commission × shareBp / 10,000 ⌋; the creator keeps the rest (so the two add up
 *   to the commission exactly, and the rounding cent stays with the creator)
 * - a refund reverses the commission in proportion to what has been refunded of the line so far:
 *   reversedTotal = ⌊ amount × refundedSoFar / lineTotal ⌋, and `amount` exactly once the whole line is
 *   refunded. Each refund reverses reversedTotal after it minus reversedTotal before it, so partial
 *   reversals never add up to more than the amount and a full refund after partials takes exactly the rest.
 * Flooring favours the platform by less than a cent per line; BigInt keeps the products exact
 * (a line of ¥10,000,000 at 100 % × 3.0 would overflow a double's 2^53).
 */

export const BP = 10_000;

/** What one order line earns: ⌊ lineTotal × rate × tier ⌋ in cents (see the rounding rule above). */
export function commissionFor(lineTotalCents: number, rateBp: number, tierMultiplierBp: number): number {
  if (lineTotalCents <= 0 || rateBp <= 0 || tierMultiplierBp <= 0) return 0;
  return Number((BigInt(lineTotalCents) * BigInt(rateBp) * BigInt(tierMultiplierBp)) / BigInt(BP * BP));
}

/** Splits a commission between the creator and their MCN by the contract's share (floor for the MCN). */
export function splitWithMcn(commissionCents: number, shareBp: number): { creatorCents: number; mcnCents: number } {
  const share = Math.min(Math.max(Math.trunc(shareBp), 0), BP);
  const mcnCents = Number((BigInt(commissionCents) * BigInt(share)) / BigInt(BP));
  return { creatorCents: commissionCents - mcnCents, mcnCents };
}

/**
 * How much of `amountCents` stands reversed once `refundedSoFarCents` of a `lineTotalCents` line has
 * been refunded (cumulative, never more than the amount; exactly the amount at a full refund).
 */
export function reversedTotalFor(amountCents: number, lineTotalCents: number, refundedSoFarCents: number): number {
  if (amountCents <= 0 || refundedSoFarCents <= 0) return 0;
  if (lineTotalCents <= 0 || refundedSoFarCents >= lineTotalCents) return amountCents;
  return Number((BigInt(amountCents) * BigInt(refundedSoFarCents)) / BigInt(lineTotalCents));
}

/**
 * What one refund reverses now: the cumulative target after it minus what earlier refunds already
 * reversed (never negative, never past the amount). `full` (the order is refunded in full) takes the rest.
 */
export function reversalFor(input: {
  amountCents: number;
  lineTotalCents: number;
  refundedBeforeCents: number;
  refundedNowCents: number;
  reversedBeforeCents: number;
  full: boolean;
}): number {
  const target = input.full
    ? input.amountCents
    : reversedTotalFor(input.amountCents, input.lineTotalCents, input.refundedBeforeCents + input.refundedNowCents);
  return Math.max(0, Math.min(target, input.amountCents) - input.reversedBeforeCents);
}
