/**
 * How the shop takes money. A real provider (Alipay, WeChat Pay, Stripe …) implements this behind the
 * same call; the shop never sees card numbers or wallets, only the outcome.
 */
export interface PaymentRequest {
  orderId: string;
  orderNumber: string;
  amountCents: number;
  /**
   * One key per order: a provider that sees the same key twice answers with the first outcome instead
   * of charging again, so a retried payment never double-charges.
   */
  idempotencyKey: string;
}

export type PaymentOutcome = { status: "succeeded"; providerRef: string } | { status: "failed"; error: string };

export interface PaymentProvider {
  /** Recorded on each payment attempt, e.g. `sandbox`. */
  readonly name: string;
  charge(request: PaymentRequest): Promise<PaymentOutcome>;
}
