import { createHash } from "node:crypto";
import type { PaymentOutcome, PaymentProvider, PaymentRequest } from "./payment-provider";

/**
 * A stand-in for a real payment provider, for the demo and the tests: no money moves. Deterministic —
 * the same request always gets the same answer and reference — and it declines on purpose:
 *
 * - any amount whose cents end in 13 (¥x.13), so a person can try a decline from the shop page;
 * - every charge while `declineAll` is set, so tests can refuse an amount that doesn't end in 13.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = "sandbox";
  declineAll = false;

  async charge(request: PaymentRequest): Promise<PaymentOutcome> {
    if (this.declineAll || request.amountCents % 100 === 13) {
      return { status: "failed", error: "sandbox: card declined" };
    }
    const ref = createHash("sha256").update(request.idempotencyKey).digest("hex").slice(0, 24);
    return { status: "succeeded", providerRef: `sandbox_${ref}` };
  }
}

/** The provider the shop uses when none is passed: the sandbox, until a real one is configured. */
export const defaultPaymentProvider: PaymentProvider = new SandboxPaymentProvider();
